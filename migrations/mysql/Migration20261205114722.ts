import { Migration } from '@mikro-orm/migrations';

export class Migration20261205114722 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`event_tags\` add \`org_id\` int unsigned null;`);
    this.addSql(`alter table \`event_tags\` add constraint \`event_tags_org_id_foreign\` foreign key (\`org_id\`) references \`organisations\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`event_tags\` add index \`event_tags_org_id_index\`(\`org_id\`);`);

    this.addSql(`alter table \`attribute_tags\` add \`org_id\` int unsigned null;`);
    this.addSql(`alter table \`attribute_tags\` add constraint \`attribute_tags_org_id_foreign\` foreign key (\`org_id\`) references \`organisations\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`attribute_tags\` add index \`attribute_tags_org_id_index\`(\`org_id\`);`);

    // Local links made before the owner was recorded: they are given to the organisation holding the
    // event (the one org that may have added them under the old rules, and the one that can clean up).
    this.addSql(`update \`event_tags\` set \`org_id\` = (select e.\`owner_org_id\` from \`events\` e where e.\`id\` = \`event_tags\`.\`event_id\`) where \`local\` = 1 and \`org_id\` is null;`);
    this.addSql(`update \`attribute_tags\` set \`org_id\` = (select e.\`owner_org_id\` from \`attributes\` a join \`events\` e on e.\`id\` = a.\`event_id\` where a.\`id\` = \`attribute_tags\`.\`attribute_id\`) where \`local\` = 1 and \`org_id\` is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`event_tags\` drop foreign key \`event_tags_org_id_foreign\`;`);

    this.addSql(`alter table \`attribute_tags\` drop foreign key \`attribute_tags_org_id_foreign\`;`);

    this.addSql(`alter table \`event_tags\` drop index \`event_tags_org_id_index\`;`);
    this.addSql(`alter table \`event_tags\` drop column \`org_id\`;`);

    this.addSql(`alter table \`attribute_tags\` drop index \`attribute_tags_org_id_index\`;`);
    this.addSql(`alter table \`attribute_tags\` drop column \`org_id\`;`);
  }

}
