import { Migration } from '@mikro-orm/migrations';

export class Migration20261126074539 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`feeds\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`name\` varchar(255) not null, \`provider\` varchar(255) not null default '', \`url\` varchar(2048) not null, \`format\` varchar(16) not null, \`enabled\` tinyint(1) not null default false, \`distribution\` tinyint not null default 0, \`sharing_group_id\` int unsigned null, \`value_columns\` varchar(255) not null default '', \`delimiter\` varchar(8) not null default ',', \`exclude_regex\` text null, \`fixed_event\` tinyint(1) not null default false, \`delta_merge\` tinyint(1) not null default false, \`publish\` tinyint(1) not null default false, \`override_ids\` tinyint(1) null, \`tags\` text null, \`event_id\` int unsigned null, \`org_id\` int unsigned not null, \`last_fetch_at\` datetime(3) null, \`last_duration_ms\` int null, \`last_new\` int not null default 0, \`last_skipped\` int not null default 0, \`last_invalid\` int not null default 0, \`last_error\` text null, \`etag\` varchar(1024) null, \`last_modified\` varchar(255) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`feeds\` add unique \`feeds_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`feeds\` add unique \`feeds_name_unique\`(\`name\`);`);
    this.addSql(`alter table \`feeds\` add index \`feeds_sharing_group_id_index\`(\`sharing_group_id\`);`);
    this.addSql(`alter table \`feeds\` add index \`feeds_event_id_index\`(\`event_id\`);`);
    this.addSql(`alter table \`feeds\` add index \`feeds_org_id_index\`(\`org_id\`);`);

    this.addSql(`alter table \`feeds\` add constraint \`feeds_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete restrict;`);
    this.addSql(`alter table \`feeds\` add constraint \`feeds_event_id_foreign\` foreign key (\`event_id\`) references \`events\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`feeds\` add constraint \`feeds_org_id_foreign\` foreign key (\`org_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`feeds\`;`);
  }

}
