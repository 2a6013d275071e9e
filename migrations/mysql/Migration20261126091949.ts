import { Migration } from '@mikro-orm/migrations';

export class Migration20261126091949 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`attributes\` drop index \`attributes_type_index\`;`);

    this.addSql(`alter table \`attributes\` add \`correlation_key\` varchar(32) null, add \`correlation_key2\` varchar(32) null, add \`ip_start\` varchar(32) null, add \`ip_end\` varchar(32) null;`);
    this.addSql(`alter table \`attributes\` add index \`attributes_ip_start_index\`(\`ip_start\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_correlation_key2_index\`(\`correlation_key2\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_correlation_key_index\`(\`correlation_key\`);`);
    this.addSql(`alter table \`attributes\` add index \`attributes_type_timestamp_index\`(\`type\`, \`timestamp\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`attributes\` drop index \`attributes_ip_start_index\`;`);
    this.addSql(`alter table \`attributes\` drop index \`attributes_correlation_key2_index\`;`);
    this.addSql(`alter table \`attributes\` drop index \`attributes_correlation_key_index\`;`);
    this.addSql(`alter table \`attributes\` drop index \`attributes_type_timestamp_index\`;`);
    this.addSql(`alter table \`attributes\` drop column \`correlation_key\`, drop column \`correlation_key2\`, drop column \`ip_start\`, drop column \`ip_end\`;`);

    this.addSql(`alter table \`attributes\` add index \`attributes_type_index\`(\`type\`);`);
  }

}
