import { Migration } from '@mikro-orm/migrations';

export class Migration20261205145744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`peers\` add \`sighting_pull_cursor\` varchar(255) null, add \`sighting_push_cursor\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`peers\` drop column \`sighting_pull_cursor\`, drop column \`sighting_push_cursor\`;`);
  }

}
