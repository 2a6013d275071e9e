import { Migration } from '@mikro-orm/migrations';

export class Migration20261126065509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`peers\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`name\` varchar(255) not null, \`url\` varchar(2048) not null, \`api_key_encrypted\` text not null, \`organisation_id\` int unsigned not null, \`hub_uuid\` varchar(36) null, \`push\` tinyint(1) not null default false, \`pull\` tinyint(1) not null default false, \`internal\` tinyint(1) not null default false, \`tls_verify\` tinyint(1) not null default true, \`push_rules\` text null, \`pull_rules\` text null, \`schedule\` varchar(100) null, \`pull_cursor\` varchar(255) null, \`push_cursor\` int not null default 0, \`last_pull_at\` datetime(3) null, \`last_push_at\` datetime(3) null, \`last_error\` text null, \`failures\` int not null default 0, \`retry_after\` datetime(3) null, \`pulled_count\` int not null default 0, \`pushed_count\` int not null default 0, \`skipped_count\` int not null default 0, \`failed_count\` int not null default 0) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`peers\` add unique \`peers_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`peers\` add unique \`peers_name_unique\`(\`name\`);`);
    this.addSql(`alter table \`peers\` add index \`peers_organisation_id_index\`(\`organisation_id\`);`);

    this.addSql(`alter table \`peers\` add constraint \`peers_organisation_id_foreign\` foreign key (\`organisation_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`events\` add \`origin_hub_uuid\` varchar(36) null;`);

    this.addSql(`alter table \`sharing_group_servers\` add \`hub_uuid\` varchar(36) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`peers\`;`);

    this.addSql(`alter table \`sharing_group_servers\` drop column \`hub_uuid\`;`);

    this.addSql(`alter table \`events\` drop column \`origin_hub_uuid\`;`);
  }

}
