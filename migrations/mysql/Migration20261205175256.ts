import { Migration } from '@mikro-orm/migrations';

export class Migration20261205175256 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`peers\` add \`kind\` varchar(10) not null default 'HUB';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`peers\` drop column \`kind\`;`);
  }

}
