import { Migration } from '@mikro-orm/migrations';

export class Migration20261205145726 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`peers\` add column \`sighting_pull_cursor\` text null;`);
    this.addSql(`alter table \`peers\` add column \`sighting_push_cursor\` integer not null default 0;`);
  }

}
