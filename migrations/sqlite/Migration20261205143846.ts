import { Migration } from '@mikro-orm/migrations';

export class Migration20261205143846 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`galaxy_clusters\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`tag_name\` text not null, \`type\` text not null, \`value\` text not null, \`description\` text null, \`galaxy\` text not null, \`data\` mediumtext not null, \`version\` bigint null);`);
    this.addSql(`create unique index \`galaxy_clusters_uuid_unique\` on \`galaxy_clusters\` (\`uuid\`);`);
    this.addSql(`create index \`galaxy_clusters_tag_name_index\` on \`galaxy_clusters\` (\`tag_name\`);`);

    this.addSql(`create table \`proposals\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`event_id\` integer not null, \`org_id\` integer not null, \`attribute_uuid\` text null, \`type\` text not null, \`category\` text not null, \`value\` text not null, \`to_ids\` integer not null, \`comment\` text null, \`object_relation\` text null, \`first_seen\` datetime null, \`last_seen\` datetime null, \`proposal_to_delete\` integer not null default false, \`timestamp\` datetime not null, \`deleted\` integer not null default false, constraint \`proposals_event_id_foreign\` foreign key(\`event_id\`) references \`events\`(\`id\`) on delete cascade on update cascade, constraint \`proposals_org_id_foreign\` foreign key(\`org_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`proposals_uuid_unique\` on \`proposals\` (\`uuid\`);`);
    this.addSql(`create index \`proposals_event_id_index\` on \`proposals\` (\`event_id\`);`);
    this.addSql(`create index \`proposals_org_id_index\` on \`proposals\` (\`org_id\`);`);
    this.addSql(`create index \`proposals_attribute_uuid_index\` on \`proposals\` (\`attribute_uuid\`);`);
    this.addSql(`create index \`proposals_event_id_deleted_index\` on \`proposals\` (\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`objects\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`event_id\` integer not null, \`name\` text not null, \`meta_category\` text not null, \`description\` text null, \`template_uuid\` text null, \`template_version\` text null, \`comment\` text null, \`distribution\` integer not null default 5, \`sharing_group_id\` integer null, \`first_seen\` datetime null, \`last_seen\` datetime null, \`timestamp\` datetime not null, \`deleted\` integer not null default false, constraint \`objects_event_id_foreign\` foreign key(\`event_id\`) references \`events\`(\`id\`) on delete cascade on update cascade, constraint \`objects_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`objects_uuid_unique\` on \`objects\` (\`uuid\`);`);
    this.addSql(`create index \`objects_event_id_index\` on \`objects\` (\`event_id\`);`);
    this.addSql(`create index \`objects_sharing_group_id_index\` on \`objects\` (\`sharing_group_id\`);`);
    this.addSql(`create index \`objects_timestamp_index\` on \`objects\` (\`timestamp\`);`);
    this.addSql(`create index \`objects_name_index\` on \`objects\` (\`name\`);`);
    this.addSql(`create index \`objects_event_id_deleted_index\` on \`objects\` (\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`object_references\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`object_id\` integer not null, \`target_uuid\` text not null, \`relationship_type\` text not null, \`comment\` text null, \`timestamp\` datetime not null, \`deleted\` integer not null default false, constraint \`object_references_object_id_foreign\` foreign key(\`object_id\`) references \`objects\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`object_references_uuid_unique\` on \`object_references\` (\`uuid\`);`);
    this.addSql(`create index \`object_references_object_id_index\` on \`object_references\` (\`object_id\`);`);
    this.addSql(`create index \`object_references_target_uuid_index\` on \`object_references\` (\`target_uuid\`);`);
    this.addSql(`create index \`object_references_object_id_deleted_index\` on \`object_references\` (\`object_id\`, \`deleted\`);`);

    this.addSql(`create table \`event_reports\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`event_id\` integer not null, \`name\` text not null, \`content\` mediumtext not null, \`distribution\` integer not null default 5, \`sharing_group_id\` integer null, \`timestamp\` datetime not null, \`deleted\` integer not null default false, constraint \`event_reports_event_id_foreign\` foreign key(\`event_id\`) references \`events\`(\`id\`) on delete cascade on update cascade, constraint \`event_reports_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`event_reports_uuid_unique\` on \`event_reports\` (\`uuid\`);`);
    this.addSql(`create index \`event_reports_event_id_index\` on \`event_reports\` (\`event_id\`);`);
    this.addSql(`create index \`event_reports_sharing_group_id_index\` on \`event_reports\` (\`sharing_group_id\`);`);
    this.addSql(`create index \`event_reports_event_id_deleted_index\` on \`event_reports\` (\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`attribute_payloads\` (\`id\` integer not null primary key autoincrement, \`attribute_id\` integer not null, \`data\` longblob not null, \`size\` integer not null, \`sha256\` text not null, constraint \`attribute_payloads_attribute_id_foreign\` foreign key(\`attribute_id\`) references \`attributes\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`attribute_payloads_attribute_id_unique\` on \`attribute_payloads\` (\`attribute_id\`);`);

    this.addSql(`alter table \`changes\` add column \`object_distribution\` integer null;`);
    this.addSql(`alter table \`changes\` add column \`object_sharing_group_id\` integer null;`);

    this.addSql(`alter table \`attributes\` add column \`object_id\` integer null constraint \`attributes_object_id_foreign\` references \`objects\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`create index \`attributes_object_id_index\` on \`attributes\` (\`object_id\`);`);
  }

}
