import { Migration } from '@mikro-orm/migrations';

export class Migration20261205175246 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`peers\` add column \`kind\` text not null default 'HUB';`);
  }

}
