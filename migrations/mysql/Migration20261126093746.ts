import { Migration } from '@mikro-orm/migrations';

export class Migration20261126093746 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add \`headers\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`feeds\` drop column \`headers\`;`);
  }

}
