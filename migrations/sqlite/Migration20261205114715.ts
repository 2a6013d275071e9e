import { Migration } from '@mikro-orm/migrations';

export class Migration20261205114715 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`event_tags\` add column \`org_id\` integer null constraint \`event_tags_org_id_foreign\` references \`organisations\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`create index \`event_tags_org_id_index\` on \`event_tags\` (\`org_id\`);`);

    this.addSql(`alter table \`attribute_tags\` add column \`org_id\` integer null constraint \`attribute_tags_org_id_foreign\` references \`organisations\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`create index \`attribute_tags_org_id_index\` on \`attribute_tags\` (\`org_id\`);`);

    // Local links made before the owner was recorded: they are given to the organisation holding the
    // event (the one org that may have added them under the old rules, and the one that can clean up).
    this.addSql(`update \`event_tags\` set \`org_id\` = (select e.\`owner_org_id\` from \`events\` e where e.\`id\` = \`event_tags\`.\`event_id\`) where \`local\` = 1 and \`org_id\` is null;`);
    this.addSql(`update \`attribute_tags\` set \`org_id\` = (select e.\`owner_org_id\` from \`attributes\` a join \`events\` e on e.\`id\` = a.\`event_id\` where a.\`id\` = \`attribute_tags\`.\`attribute_id\`) where \`local\` = 1 and \`org_id\` is null;`);
  }

}
