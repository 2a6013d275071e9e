import { Migration } from '@mikro-orm/migrations';

export class Migration20261126092819 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`sightings\` (\`id\` int unsigned not null auto_increment primary key, \`uuid\` varchar(36) not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, \`attribute_id\` int unsigned not null, \`org_id\` int unsigned not null, \`type\` varchar(20) not null, \`source\` varchar(255) null, \`at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`sightings\` add unique \`sightings_uuid_unique\`(\`uuid\`);`);
    this.addSql(`alter table \`sightings\` add index \`sightings_attribute_id_index\`(\`attribute_id\`);`);
    this.addSql(`alter table \`sightings\` add index \`sightings_org_id_index\`(\`org_id\`);`);
    this.addSql(`alter table \`sightings\` add index \`sightings_attribute_id_type_index\`(\`attribute_id\`, \`type\`);`);

    this.addSql(`alter table \`sightings\` add constraint \`sightings_attribute_id_foreign\` foreign key (\`attribute_id\`) references \`attributes\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`sightings\` add constraint \`sightings_org_id_foreign\` foreign key (\`org_id\`) references \`organisations\` (\`id\`) on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`sightings\`;`);
  }

}
