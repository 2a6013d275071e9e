import { Migration } from '@mikro-orm/migrations';

export class Migration20261126090743 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add column \`source_distribution\` integer not null default false;`);
    this.addSql(`alter table \`feeds\` add column \`rules\` text null;`);
    this.addSql(`alter table \`feeds\` add column \`schedule\` text null;`);
    this.addSql(`alter table \`feeds\` add column \`last_updated\` integer not null default 0;`);
    this.addSql(`alter table \`feeds\` add column \`last_deleted\` integer not null default 0;`);
  }

}
