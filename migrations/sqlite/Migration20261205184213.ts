import { Migration } from '@mikro-orm/migrations';

export class Migration20261205184213 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`taxii_object_index\` (\`id\` integer not null primary key autoincrement, \`stix_id\` text not null, \`attribute_id\` integer not null, constraint \`taxii_object_index_attribute_id_foreign\` foreign key(\`attribute_id\`) references \`attributes\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`taxii_object_index_stix_id_index\` on \`taxii_object_index\` (\`stix_id\`);`);
    this.addSql(`create index \`taxii_object_index_attribute_id_index\` on \`taxii_object_index\` (\`attribute_id\`);`);
    this.addSql(`create unique index \`taxii_object_index_stix_id_attribute_id_unique\` on \`taxii_object_index\` (\`stix_id\`, \`attribute_id\`);`);

    this.addSql(`create index \`events_created_at_id_index\` on \`events\` (\`created_at\`, \`id\`);`);

    this.addSql(`create index \`objects_created_at_id_index\` on \`objects\` (\`created_at\`, \`id\`);`);

    this.addSql(`create index \`attributes_created_at_id_index\` on \`attributes\` (\`created_at\`, \`id\`);`);
  }

}
