import { Migration } from '@mikro-orm/migrations';

export class Migration20261126092817 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`sightings\` (\`id\` integer not null primary key autoincrement, \`uuid\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`attribute_id\` integer not null, \`org_id\` integer not null, \`type\` text not null, \`source\` text null, \`at\` datetime not null, constraint \`sightings_attribute_id_foreign\` foreign key(\`attribute_id\`) references \`attributes\`(\`id\`) on delete cascade on update cascade, constraint \`sightings_org_id_foreign\` foreign key(\`org_id\`) references \`organisations\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`sightings_uuid_unique\` on \`sightings\` (\`uuid\`);`);
    this.addSql(`create index \`sightings_attribute_id_index\` on \`sightings\` (\`attribute_id\`);`);
    this.addSql(`create index \`sightings_org_id_index\` on \`sightings\` (\`org_id\`);`);
    this.addSql(`create index \`sightings_attribute_id_type_index\` on \`sightings\` (\`attribute_id\`, \`type\`);`);
  }

}
