import { Migration } from '@mikro-orm/migrations';

export class Migration20261126074536 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`feeds\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`provider\` text not null default '', \`url\` text not null, \`format\` text not null, \`enabled\` integer not null default false, \`distribution\` integer not null default 0, \`sharing_group_id\` integer null, \`value_columns\` text not null default '', \`delimiter\` text not null default ',', \`exclude_regex\` text null, \`fixed_event\` integer not null default false, \`delta_merge\` integer not null default false, \`publish\` integer not null default false, \`override_ids\` integer null, \`tags\` text null, \`event_id\` integer null, \`org_id\` integer not null, \`last_fetch_at\` datetime null, \`last_duration_ms\` integer null, \`last_new\` integer not null default 0, \`last_skipped\` integer not null default 0, \`last_invalid\` integer not null default 0, \`last_error\` text null, \`etag\` text null, \`last_modified\` text null, constraint \`feeds_sharing_group_id_foreign\` foreign key(\`sharing_group_id\`) references \`sharing_groups\`(\`id\`) on delete restrict on update cascade, constraint \`feeds_event_id_foreign\` foreign key(\`event_id\`) references \`events\`(\`id\`) on delete set null on update cascade, constraint \`feeds_org_id_foreign\` foreign key(\`org_id\`) references \`organisations\`(\`id\`) on delete restrict on update cascade);`);
    this.addSql(`create unique index \`feeds_uuid_unique\` on \`feeds\` (\`uuid\`);`);
    this.addSql(`create unique index \`feeds_name_unique\` on \`feeds\` (\`name\`);`);
    this.addSql(`create index \`feeds_sharing_group_id_index\` on \`feeds\` (\`sharing_group_id\`);`);
    this.addSql(`create index \`feeds_event_id_index\` on \`feeds\` (\`event_id\`);`);
    this.addSql(`create index \`feeds_org_id_index\` on \`feeds\` (\`org_id\`);`);
  }

}
