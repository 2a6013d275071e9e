import { Migration } from '@mikro-orm/migrations';

export class Migration20261205152653 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`taxii_collections\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`title\` varchar(255) not null, \`description\` text null, \`filter\` text not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`taxii_collections\` add unique \`taxii_collections_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`taxii_collections\` add unique \`taxii_collections_title_unique\`(\`title\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`taxii_collections\`;`);
  }

}
