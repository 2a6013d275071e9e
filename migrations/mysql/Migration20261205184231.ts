import { Migration } from '@mikro-orm/migrations';

export class Migration20261205184231 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`taxii_object_index\` (\`id\` int unsigned not null auto_increment primary key, \`stix_id\` varchar(255) not null, \`attribute_id\` int unsigned not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`taxii_object_index\` add index \`taxii_object_index_stix_id_index\`(\`stix_id\`);`);
    this.addSql(`alter table \`taxii_object_index\` add index \`taxii_object_index_attribute_id_index\`(\`attribute_id\`);`);
    this.addSql(`alter table \`taxii_object_index\` add unique \`taxii_object_index_stix_id_attribute_id_unique\`(\`stix_id\`, \`attribute_id\`);`);

    this.addSql(`alter table \`taxii_object_index\` add constraint \`taxii_object_index_attribute_id_foreign\` foreign key (\`attribute_id\`) references \`attributes\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`events\` add index \`events_created_at_id_index\`(\`created_at\`, \`id\`);`);

    this.addSql(`alter table \`objects\` add index \`objects_created_at_id_index\`(\`created_at\`, \`id\`);`);

    this.addSql(`alter table \`attributes\` add index \`attributes_created_at_id_index\`(\`created_at\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`taxii_object_index\`;`);

    this.addSql(`alter table \`events\` drop index \`events_created_at_id_index\`;`);

    this.addSql(`alter table \`attributes\` drop index \`attributes_created_at_id_index\`;`);

    this.addSql(`alter table \`objects\` drop index \`objects_created_at_id_index\`;`);
  }

}
