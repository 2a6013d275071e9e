import { Migration } from '@mikro-orm/migrations';

export class Migration20261205114710 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add \`pending_event_id\` int unsigned null;`);
    this.addSql(`alter table \`feeds\` add constraint \`feeds_pending_event_id_foreign\` foreign key (\`pending_event_id\`) references \`events\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`feeds\` add index \`feeds_pending_event_id_index\`(\`pending_event_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`feeds\` drop foreign key \`feeds_pending_event_id_foreign\`;`);

    this.addSql(`alter table \`feeds\` drop index \`feeds_pending_event_id_index\`;`);
    this.addSql(`alter table \`feeds\` drop column \`pending_event_id\`;`);
  }

}
