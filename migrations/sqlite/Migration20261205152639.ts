import { Migration } from '@mikro-orm/migrations';

export class Migration20261205152639 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`taxii_collections\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`title\` text not null, \`description\` text null, \`filter\` text not null);`);
    this.addSql(`create unique index \`taxii_collections_uuid_unique\` on \`taxii_collections\` (\`uuid\`);`);
    this.addSql(`create unique index \`taxii_collections_title_unique\` on \`taxii_collections\` (\`title\`);`);
  }

}
