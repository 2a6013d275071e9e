import { Migration } from '@mikro-orm/migrations';

export class Migration20261126055519 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`changes\` (\`seq\` integer not null primary key autoincrement, \`kind\` text not null, \`op\` text not null, \`uuid\` text not null, \`event_uuid\` text null, \`owner_org_id\` integer null, \`event_distribution\` integer null, \`event_sharing_group_id\` integer null, \`distribution\` integer null, \`sharing_group_id\` integer null, \`published\` integer null, \`at\` datetime not null);`);
    this.addSql(`create index \`changes_event_uuid_index\` on \`changes\` (\`event_uuid\`);`);

    this.addSql(`create table \`hub_settings\` (\`name\` text not null, \`value\` text not null, primary key (\`name\`));`);

    this.addSql(`create table \`organisations\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`description\` text null, \`type\` text null, \`nationality\` text null, \`sector\` text null, \`local\` integer not null default true);`);
    this.addSql(`create unique index \`organisations_uuid_unique\` on \`organisations\` (\`uuid\`);`);
    this.addSql(`create unique index \`organisations_name_unique\` on \`organisations\` (\`name\`);`);

    this.addSql(`create table \`sharing_groups\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`description\` text null, \`releasability\` text null, \`owner_org_id\` integer not null, \`roaming\` integer not null default false, \`active\` integer not null default true, \`timestamp\` datetime not null, constraint \`sharing_groups_owner_org_id_foreign\` foreign key(\`owner_org_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`sharing_groups_uuid_unique\` on \`sharing_groups\` (\`uuid\`);`);
    this.addSql(`create index \`sharing_groups_owner_org_id_index\` on \`sharing_groups\` (\`owner_org_id\`);`);

    this.addSql(`create table \`events\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`info\` text not null, \`date\` text not null, \`threat_level\` integer not null default 4, \`analysis\` integer not null default 0, \`distribution\` integer not null, \`sharing_group_id\` integer null, \`owner_org_id\` integer not null, \`creator_org_id\` integer not null, \`published\` integer not null default false, \`published_at\` datetime null, \`timestamp\` datetime not null, \`locked\` integer not null default false, \`disable_correlation\` integer not null default false, \`extends_uuid\` text null, constraint \`events_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete restrict on update cascade, constraint \`events_owner_org_id_foreign\` foreign key(\`owner_org_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade, constraint \`events_creator_org_id_foreign\` foreign key(\`creator_org_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`events_uuid_unique\` on \`events\` (\`uuid\`);`);
    this.addSql(`create index \`events_sharing_group_id_index\` on \`events\` (\`sharing_group_id\`);`);
    this.addSql(`create index \`events_owner_org_id_index\` on \`events\` (\`owner_org_id\`);`);
    this.addSql(`create index \`events_creator_org_id_index\` on \`events\` (\`creator_org_id\`);`);
    this.addSql(`create index \`events_timestamp_index\` on \`events\` (\`timestamp\`);`);
    this.addSql(`create index \`events_owner_org_id_distribution_index\` on \`events\` (\`owner_org_id\`, \`distribution\`);`);

    this.addSql(`create table \`attributes\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`event_id\` integer not null, \`type\` text not null, \`category\` text not null, \`value\` text not null, \`value_hash\` text not null, \`to_ids\` integer not null, \`comment\` text null, \`distribution\` integer not null default 5, \`sharing_group_id\` integer null, \`timestamp\` datetime not null, \`deleted\` integer not null default false, \`disable_correlation\` integer not null default false, \`first_seen\` datetime null, \`last_seen\` datetime null, \`object_relation\` text null, constraint \`attributes_event_id_foreign\` foreign key(\`event_id\`) references \`events\`(\`id\`) on delete cascade on update cascade, constraint \`attributes_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`attributes_uuid_unique\` on \`attributes\` (\`uuid\`);`);
    this.addSql(`create index \`attributes_event_id_index\` on \`attributes\` (\`event_id\`);`);
    this.addSql(`create index \`attributes_sharing_group_id_index\` on \`attributes\` (\`sharing_group_id\`);`);
    this.addSql(`create index \`attributes_timestamp_index\` on \`attributes\` (\`timestamp\`);`);
    this.addSql(`create index \`attributes_type_index\` on \`attributes\` (\`type\`);`);
    this.addSql(`create index \`attributes_value_hash_index\` on \`attributes\` (\`value_hash\`);`);
    this.addSql(`create index \`attributes_event_id_deleted_index\` on \`attributes\` (\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`sharing_group_orgs\` (\`id\` integer not null primary key autoincrement, \`sharing_group_id\` integer not null, \`organisation_id\` integer not null, \`extend\` integer not null default false, constraint \`sharing_group_orgs_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete cascade on update cascade, constraint \`sharing_group_orgs_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`sharing_group_orgs_sharing_group_id_index\` on \`sharing_group_orgs\` (\`sharing_group_id\`);`);
    this.addSql(`create index \`sharing_group_orgs_organisation_id_index\` on \`sharing_group_orgs\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`sharing_group_orgs_sharing_group_id_organisation_id_unique\` on \`sharing_group_orgs\` (\`sharing_group_id\`, \`organisation_id\`);`);

    this.addSql(`create table \`sharing_group_servers\` (\`id\` integer not null primary key autoincrement, \`sharing_group_id\` integer not null, \`is_local\` integer not null default true, \`all_orgs\` integer not null default false, constraint \`sharing_group_servers_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`sharing_group_servers_sharing_group_id_index\` on \`sharing_group_servers\` (\`sharing_group_id\`);`);

    this.addSql(`create table \`tags\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`name_key\` text not null, \`colour\` text not null default '#999999', \`exportable\` integer not null default true);`);
    this.addSql(`create unique index \`tags_uuid_unique\` on \`tags\` (\`uuid\`);`);
    this.addSql(`create unique index \`tags_name_key_unique\` on \`tags\` (\`name_key\`);`);

    this.addSql(`create table \`event_tags\` (\`id\` integer not null primary key autoincrement, \`event_id\` integer not null, \`tag_id\` integer not null, \`local\` integer not null default false, constraint \`event_tags_event_id_foreign\` foreign key(\`event_id\`) references \`events\`(\`id\`) on delete cascade on update cascade, constraint \`event_tags_tag_id_foreign\` foreign key(\`tag_id\`) references \`tags\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`event_tags_event_id_index\` on \`event_tags\` (\`event_id\`);`);
    this.addSql(`create index \`event_tags_tag_id_index\` on \`event_tags\` (\`tag_id\`);`);
    this.addSql(`create unique index \`event_tags_event_id_tag_id_unique\` on \`event_tags\` (\`event_id\`, \`tag_id\`);`);

    this.addSql(`create table \`attribute_tags\` (\`id\` integer not null primary key autoincrement, \`attribute_id\` integer not null, \`tag_id\` integer not null, \`local\` integer not null default false, constraint \`attribute_tags_attribute_id_foreign\` foreign key(\`attribute_id\`) references \`attributes\`(\`id\`) on delete cascade on update cascade, constraint \`attribute_tags_tag_id_foreign\` foreign key(\`tag_id\`) references \`tags\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`attribute_tags_attribute_id_index\` on \`attribute_tags\` (\`attribute_id\`);`);
    this.addSql(`create index \`attribute_tags_tag_id_index\` on \`attribute_tags\` (\`tag_id\`);`);
    this.addSql(`create unique index \`attribute_tags_attribute_id_tag_id_unique\` on \`attribute_tags\` (\`attribute_id\`, \`tag_id\`);`);

    this.addSql(`create table \`users\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`organisation_id\` integer not null, \`role\` text not null, \`disabled\` integer not null default false, constraint \`users_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`users_uuid_unique\` on \`users\` (\`uuid\`);`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create index \`users_organisation_id_index\` on \`users\` (\`organisation_id\`);`);

    this.addSql(`create table \`api_keys\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`user_id\` integer not null, \`key_hash\` text not null, \`last4\` text not null, \`comment\` text null, \`expires_at\` datetime null, \`revoked_at\` datetime null, \`last_used_at\` datetime null, constraint \`api_keys_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`api_keys_uuid_unique\` on \`api_keys\` (\`uuid\`);`);
    this.addSql(`create index \`api_keys_user_id_index\` on \`api_keys\` (\`user_id\`);`);
    this.addSql(`create unique index \`api_keys_key_hash_unique\` on \`api_keys\` (\`key_hash\`);`);
  }

}
