import { Migration } from '@mikro-orm/migrations';

export class Migration20261126055519 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`changes\` (\`seq\` int unsigned not null auto_increment primary key, \`kind\` varchar(20) not null, \`op\` varchar(20) not null, \`uuid\` varchar(36) not null, \`event_uuid\` varchar(36) null, \`owner_org_id\` int null, \`event_distribution\` tinyint null, \`event_sharing_group_id\` int null, \`distribution\` tinyint null, \`sharing_group_id\` int null, \`published\` tinyint(1) null, \`at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`changes\` add index \`changes_event_uuid_index\`(\`event_uuid\`);`);

    this.addSql(`create table \`hub_settings\` (\`name\` varchar(100) not null, \`value\` text not null, primary key (\`name\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`organisations\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`name\` varchar(255) not null, \`description\` text null, \`type\` varchar(255) null, \`nationality\` varchar(255) null, \`sector\` varchar(255) null, \`local\` tinyint(1) not null default true) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`organisations\` add unique \`organisations_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`organisations\` add unique \`organisations_name_unique\`(\`name\`);`);

    this.addSql(`create table \`sharing_groups\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`name\` varchar(255) not null, \`description\` text null, \`releasability\` text null, \`owner_org_id\` int unsigned not null, \`roaming\` tinyint(1) not null default false, \`active\` tinyint(1) not null default true, \`timestamp\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`sharing_groups\` add unique \`sharing_groups_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`sharing_groups\` add index \`sharing_groups_owner_org_id_index\`(\`owner_org_id\`);`);

    this.addSql(`create table \`events\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`info\` text not null, \`date\` varchar(10) not null, \`threat_level\` tinyint not null default 4, \`analysis\` tinyint not null default 0, \`distribution\` tinyint not null, \`sharing_group_id\` int unsigned null, \`owner_org_id\` int unsigned not null, \`creator_org_id\` int unsigned not null, \`published\` tinyint(1) not null default false, \`published_at\` datetime(3) null, \`timestamp\` datetime(3) not null, \`locked\` tinyint(1) not null default false, \`disable_correlation\` tinyint(1) not null default false, \`extends_uuid\` varchar(36) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`events\` add unique \`events_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`events\` add index \`events_sharing_group_id_index\`(\`sharing_group_id\`);`);
    this.addSql(`alter table \`events\` add index \`events_owner_org_id_index\`(\`owner_org_id\`);`);
    this.addSql(`alter table \`events\` add index \`events_creator_org_id_index\`(\`creator_org_id\`);`);
    this.addSql(`alter table \`events\` add index \`events_timestamp_index\`(\`timestamp\`);`);
    this.addSql(`alter table \`events\` add index \`events_owner_org_id_distribution_index\`(\`owner_org_id\`, \`distribution\`);`);

    this.addSql(`create table \`attributes\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`event_id\` int unsigned not null, \`type\` varchar(100) not null, \`category\` varchar(100) not null, \`value\` text not null, \`value_hash\` varchar(64) not null, \`to_ids\` tinyint(1) not null, \`comment\` text null, \`distribution\` tinyint not null default 5, \`sharing_group_id\` int unsigned null, \`timestamp\` datetime(3) not null, \`deleted\` tinyint(1) not null default false, \`disable_correlation\` tinyint(1) not null default false, \`first_seen\` datetime(3) null, \`last_seen\` datetime(3) null, \`object_relation\` varchar(255) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`attributes\` add unique \`attributes_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_event_id_index\`(\`event_id\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_sharing_group_id_index\`(\`sharing_group_id\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_timestamp_index\`(\`timestamp\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_type_index\`(\`type\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_value_hash_index\`(\`value_hash\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_event_id_deleted_index\`(\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`sharing_group_orgs\` (\`id\` int unsigned not null auto_increment primary key, \`sharing_group_id\` int unsigned not null, \`organisation_id\` int unsigned not null, \`extend\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`sharing_group_orgs\` add index \`sharing_group_orgs_sharing_group_id_index\`(\`sharing_group_id\`);`);
    this.addSql(`alter table \`sharing_group_orgs\` add index \`sharing_group_orgs_organisation_id_index\`(\`organisation_id\`);`);
    this.addSql(`alter table \`sharing_group_orgs\` add unique \`sharing_group_orgs_sharing_group_id_organisation_id_unique\`(\`sharing_group_id\`, \`organisation_id\`);`);

    this.addSql(`create table \`sharing_group_servers\` (\`id\` int unsigned not null auto_increment primary key, \`sharing_group_id\` int unsigned not null, \`is_local\` tinyint(1) not null default true, \`all_orgs\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`sharing_group_servers\` add index \`sharing_group_servers_sharing_group_id_index\`(\`sharing_group_id\`);`);

    this.addSql(`create table \`tags\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`name\` varchar(255) not null, \`name_key\` varchar(255) not null, \`colour\` varchar(7) not null default '#999999', \`exportable\` tinyint(1) not null default true) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`tags\` add unique \`tags_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`tags\` add unique \`tags_name_key_unique\`(\`name_key\`);`);

    this.addSql(`create table \`event_tags\` (\`id\` int unsigned not null auto_increment primary key, \`event_id\` int unsigned not null, \`tag_id\` int unsigned not null, \`local\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`event_tags\` add index \`event_tags_event_id_index\`(\`event_id\`);`);
    this.addSql(`alter table \`event_tags\` add index \`event_tags_tag_id_index\`(\`tag_id\`);`);
    this.addSql(`alter table \`event_tags\` add unique \`event_tags_event_id_tag_id_unique\`(\`event_id\`, \`tag_id\`);`);

    this.addSql(`create table \`attribute_tags\` (\`id\` int unsigned not null auto_increment primary key, \`attribute_id\` int unsigned not null, \`tag_id\` int unsigned not null, \`local\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`attribute_tags\` add index \`attribute_tags_attribute_id_index\`(\`attribute_id\`);`);
    this.addSql(`alter table \`attribute_tags\` add index \`attribute_tags_tag_id_index\`(\`tag_id\`);`);
    this.addSql(`alter table \`attribute_tags\` add unique \`attribute_tags_attribute_id_tag_id_unique\`(\`attribute_id\`, \`tag_id\`);`);

    this.addSql(`create table \`users\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`email\` varchar(255) not null, \`organisation_id\` int unsigned not null, \`role\` varchar(20) not null, \`disabled\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`users\` add unique \`users_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`users\` add unique \`users_email_unique\`(\`email\`);`);
    this.addSql(`alter table \`users\` add index \`users_organisation_id_index\`(\`organisation_id\`);`);

    this.addSql(`create table \`api_keys\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`user_id\` int unsigned not null, \`key_hash\` varchar(64) not null, \`last4\` varchar(4) not null, \`comment\` varchar(255) null, \`expires_at\` datetime(3) null, \`revoked_at\` datetime(3) null, \`last_used_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`api_keys\` add unique \`api_keys_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`api_keys\` add index \`api_keys_user_id_index\`(\`user_id\`);`);
    this.addSql(`alter table \`api_keys\` add unique \`api_keys_key_hash_unique\`(\`key_hash\`);`);

    this.addSql(`alter table \`sharing_groups\` add constraint \`sharing_groups_owner_org_id_foreign\` foreign key (\`owner_org_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`events\` add constraint \`events_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete restrict;`);
    this.addSql(`alter table \`events\` add constraint \`events_owner_org_id_foreign\` foreign key (\`owner_org_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);
    this.addSql(`alter table \`events\` add constraint \`events_creator_org_id_foreign\` foreign key (\`creator_org_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`attributes\` add constraint \`attributes_event_id_foreign\` foreign key (\`event_id\`) references \`events\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`attributes\` add constraint \`attributes_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`sharing_group_orgs\` add constraint \`sharing_group_orgs_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`sharing_group_orgs\` add constraint \`sharing_group_orgs_organisation_id_foreign\` foreign key (\`organisation_id\`) references \`organisations\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`sharing_group_servers\` add constraint \`sharing_group_servers_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`event_tags\` add constraint \`event_tags_event_id_foreign\` foreign key (\`event_id\`) references \`events\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`event_tags\` add constraint \`event_tags_tag_id_foreign\` foreign key (\`tag_id\`) references \`tags\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`attribute_tags\` add constraint \`attribute_tags_attribute_id_foreign\` foreign key (\`attribute_id\`) references \`attributes\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`attribute_tags\` add constraint \`attribute_tags_tag_id_foreign\` foreign key (\`tag_id\`) references \`tags\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`users\` add constraint \`users_organisation_id_foreign\` foreign key (\`organisation_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`api_keys\` add constraint \`api_keys_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`sharing_groups\` drop foreign key \`sharing_groups_owner_org_id_foreign\`;`);

    this.addSql(`alter table \`events\` drop foreign key \`events_owner_org_id_foreign\`;`);

    this.addSql(`alter table \`events\` drop foreign key \`events_creator_org_id_foreign\`;`);

    this.addSql(`alter table \`sharing_group_orgs\` drop foreign key \`sharing_group_orgs_organisation_id_foreign\`;`);

    this.addSql(`alter table \`users\` drop foreign key \`users_organisation_id_foreign\`;`);

    this.addSql(`alter table \`events\` drop foreign key \`events_sharing_group_id_foreign\`;`);

    this.addSql(`alter table \`attributes\` drop foreign key \`attributes_sharing_group_id_foreign\`;`);

    this.addSql(`alter table \`sharing_group_orgs\` drop foreign key \`sharing_group_orgs_sharing_group_id_foreign\`;`);

    this.addSql(`alter table \`sharing_group_servers\` drop foreign key \`sharing_group_servers_sharing_group_id_foreign\`;`);

    this.addSql(`alter table \`attributes\` drop foreign key \`attributes_event_id_foreign\`;`);

    this.addSql(`alter table \`event_tags\` drop foreign key \`event_tags_event_id_foreign\`;`);

    this.addSql(`alter table \`attribute_tags\` drop foreign key \`attribute_tags_attribute_id_foreign\`;`);

    this.addSql(`alter table \`event_tags\` drop foreign key \`event_tags_tag_id_foreign\`;`);

    this.addSql(`alter table \`attribute_tags\` drop foreign key \`attribute_tags_tag_id_foreign\`;`);

    this.addSql(`alter table \`api_keys\` drop foreign key \`api_keys_user_id_foreign\`;`);

    this.addSql(`drop table if exists \`changes\`;`);

    this.addSql(`drop table if exists \`hub_settings\`;`);

    this.addSql(`drop table if exists \`organisations\`;`);

    this.addSql(`drop table if exists \`sharing_groups\`;`);

    this.addSql(`drop table if exists \`events\`;`);

    this.addSql(`drop table if exists \`attributes\`;`);

    this.addSql(`drop table if exists \`sharing_group_orgs\`;`);

    this.addSql(`drop table if exists \`sharing_group_servers\`;`);

    this.addSql(`drop table if exists \`tags\`;`);

    this.addSql(`drop table if exists \`event_tags\`;`);

    this.addSql(`drop table if exists \`attribute_tags\`;`);

    this.addSql(`drop table if exists \`users\`;`);

    this.addSql(`drop table if exists \`api_keys\`;`);
  }

}
