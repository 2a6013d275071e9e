import { Migration } from '@mikro-orm/migrations';

export class Migration20261205143849 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`galaxy_clusters\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`tag_name\` varchar(255) not null, \`type\` varchar(255) not null, \`value\` text not null, \`description\` text null, \`galaxy\` text not null, \`data\` mediumtext not null, \`version\` bigint null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`galaxy_clusters\` add unique \`galaxy_clusters_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`galaxy_clusters\` add index \`galaxy_clusters_tag_name_index\`(\`tag_name\`);`);

    this.addSql(`create table \`proposals\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`event_id\` int unsigned not null, \`org_id\` int unsigned not null, \`attribute_uuid\` varchar(36) null, \`type\` varchar(100) not null, \`category\` varchar(100) not null, \`value\` text not null, \`to_ids\` tinyint(1) not null, \`comment\` text null, \`object_relation\` varchar(255) null, \`first_seen\` datetime(3) null, \`last_seen\` datetime(3) null, \`proposal_to_delete\` tinyint(1) not null default false, \`timestamp\` datetime(3) not null, \`deleted\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`proposals\` add unique \`proposals_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`proposals\` add index \`proposals_event_id_index\`(\`event_id\`);`);
    this.addSql(`alter table \`proposals\` add index \`proposals_org_id_index\`(\`org_id\`);`);
    this.addSql(`alter table \`proposals\` add index \`proposals_attribute_uuid_index\`(\`attribute_uuid\`);`);
    this.addSql(`alter table \`proposals\` add index \`proposals_event_id_deleted_index\`(\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`objects\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`event_id\` int unsigned not null, \`name\` varchar(131) not null, \`meta_category\` varchar(255) not null, \`description\` text null, \`template_uuid\` varchar(36) null, \`template_version\` varchar(20) null, \`comment\` text null, \`distribution\` tinyint not null default 5, \`sharing_group_id\` int unsigned null, \`first_seen\` datetime(3) null, \`last_seen\` datetime(3) null, \`timestamp\` datetime(3) not null, \`deleted\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`objects\` add unique \`objects_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`objects\` add index \`objects_event_id_index\`(\`event_id\`);`);
    this.addSql(`alter table \`objects\` add index \`objects_sharing_group_id_index\`(\`sharing_group_id\`);`);
    this.addSql(`alter table \`objects\` add index \`objects_timestamp_index\`(\`timestamp\`);`);
    this.addSql(`alter table \`objects\` add index \`objects_name_index\`(\`name\`);`);
    this.addSql(`alter table \`objects\` add index \`objects_event_id_deleted_index\`(\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`object_references\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`object_id\` int unsigned not null, \`target_uuid\` varchar(36) not null, \`relationship_type\` varchar(255) not null, \`comment\` text null, \`timestamp\` datetime(3) not null, \`deleted\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`object_references\` add unique \`object_references_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`object_references\` add index \`object_references_object_id_index\`(\`object_id\`);`);
    this.addSql(`alter table \`object_references\` add index \`object_references_target_uuid_index\`(\`target_uuid\`);`);
    this.addSql(`alter table \`object_references\` add index \`object_references_object_id_deleted_index\`(\`object_id\`, \`deleted\`);`);

    this.addSql(`create table \`event_reports\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`event_id\` int unsigned not null, \`name\` varchar(255) not null, \`content\` mediumtext not null, \`distribution\` tinyint not null default 5, \`sharing_group_id\` int unsigned null, \`timestamp\` datetime(3) not null, \`deleted\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`event_reports\` add unique \`event_reports_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`event_reports\` add index \`event_reports_event_id_index\`(\`event_id\`);`);
    this.addSql(`alter table \`event_reports\` add index \`event_reports_sharing_group_id_index\`(\`sharing_group_id\`);`);
    this.addSql(`alter table \`event_reports\` add index \`event_reports_event_id_deleted_index\`(\`event_id\`, \`deleted\`);`);

    this.addSql(`create table \`attribute_payloads\` (\`id\` int unsigned not null auto_increment primary key, \`attribute_id\` int unsigned not null, \`data\` longblob not null, \`size\` int not null, \`sha256\` varchar(64) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`attribute_payloads\` add unique \`attribute_payloads_attribute_id_unique\`(\`attribute_id\`);`);

    this.addSql(`alter table \`proposals\` add constraint \`proposals_event_id_foreign\` foreign key (\`event_id\`) references \`events\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`proposals\` add constraint \`proposals_org_id_foreign\` foreign key (\`org_id\`) references \`organisations\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`objects\` add constraint \`objects_event_id_foreign\` foreign key (\`event_id\`) references \`events\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`objects\` add constraint \`objects_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`object_references\` add constraint \`object_references_object_id_foreign\` foreign key (\`object_id\`) references \`objects\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`event_reports\` add constraint \`event_reports_event_id_foreign\` foreign key (\`event_id\`) references \`events\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`event_reports\` add constraint \`event_reports_sharing_group_id_foreign\` foreign key (\`sharing_group_id\`) references \`sharing_groups\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`attribute_payloads\` add constraint \`attribute_payloads_attribute_id_foreign\` foreign key (\`attribute_id\`) references \`attributes\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`changes\` add \`object_distribution\` tinyint null, add \`object_sharing_group_id\` int null;`);

    this.addSql(`alter table \`attributes\` add \`object_id\` int unsigned null;`);
    this.addSql(`alter table \`attributes\` add constraint \`attributes_object_id_foreign\` foreign key (\`object_id\`) references \`objects\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`attributes\` add index \`attributes_object_id_index\`(\`object_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`object_references\` drop foreign key \`object_references_object_id_foreign\`;`);

    this.addSql(`alter table \`attributes\` drop foreign key \`attributes_object_id_foreign\`;`);

    this.addSql(`drop table if exists \`galaxy_clusters\`;`);

    this.addSql(`drop table if exists \`proposals\`;`);

    this.addSql(`drop table if exists \`objects\`;`);

    this.addSql(`drop table if exists \`object_references\`;`);

    this.addSql(`drop table if exists \`event_reports\`;`);

    this.addSql(`drop table if exists \`attribute_payloads\`;`);

    this.addSql(`alter table \`attributes\` drop index \`attributes_object_id_index\`;`);
    this.addSql(`alter table \`attributes\` drop column \`object_id\`;`);

    this.addSql(`alter table \`changes\` drop column \`object_distribution\`, drop column \`object_sharing_group_id\`;`);
  }

}
