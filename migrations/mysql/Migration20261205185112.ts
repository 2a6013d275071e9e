import { Migration } from '@mikro-orm/migrations';

export class Migration20261205185112 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add \`last_success_at\` datetime(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`feeds\` drop column \`last_success_at\`;`);
  }

}
