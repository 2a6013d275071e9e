import { Migration } from '@mikro-orm/migrations';

export class Migration20261205114704 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add column \`pending_event_id\` integer null constraint \`feeds_pending_event_id_foreign\` references \`events\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`feeds_pending_event_id_index\` on \`feeds\` (\`pending_event_id\`);`);
  }

}
