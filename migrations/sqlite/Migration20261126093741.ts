import { Migration } from '@mikro-orm/migrations';

export class Migration20261126093741 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add column \`headers\` text null;`);
  }

}
