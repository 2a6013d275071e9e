import { Migration } from '@mikro-orm/migrations';

export class Migration20261126065507 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`peers\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`url\` text not null, \`api_key_encrypted\` text not null, \`organisation_id\` integer not null, \`hub_uuid\` text null, \`push\` integer not null default false, \`pull\` integer not null default false, \`internal\` integer not null default false, \`tls_verify\` integer not null default true, \`push_rules\` text null, \`pull_rules\` text null, \`schedule\` text null, \`pull_cursor\` text null, \`push_cursor\` integer not null default 0, \`last_pull_at\` datetime null, \`last_push_at\` datetime null, \`last_error\` text null, \`failures\` integer not null default 0, \`retry_after\` datetime null, \`pulled_count\` integer not null default 0, \`pushed_count\` integer not null default 0, \`skipped_count\` integer not null default 0, \`failed_count\` integer not null default 0, constraint \`peers_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`peers_uuid_unique\` on \`peers\` (\`uuid\`);`);
    this.addSql(`create unique index \`peers_name_unique\` on \`peers\` (\`name\`);`);
    this.addSql(`create index \`peers_organisation_id_index\` on \`peers\` (\`organisation_id\`);`);

    this.addSql(`alter table \`events\` add column \`origin_hub_uuid\` text null;`);

    this.addSql(`alter table \`sharing_group_servers\` add column \`hub_uuid\` text null;`);
  }

}
