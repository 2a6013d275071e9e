import { Migration } from '@mikro-orm/migrations';

export class Migration20261126090744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`feeds\` add \`source_distribution\` tinyint(1) not null default false, add \`rules\` text null, add \`schedule\` varchar(255) null, add \`last_updated\` int not null default 0, add \`last_deleted\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`feeds\` drop column \`source_distribution\`, drop column \`rules\`, drop column \`schedule\`, drop column \`last_updated\`, drop column \`last_deleted\`;`);
  }

}
