import { Migration } from '@mikro-orm/migrations';

export class Migration20261205185102 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add column \`last_success_at\` datetime null;`);
  }

}
