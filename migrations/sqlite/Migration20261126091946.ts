import { Migration } from '@mikro-orm/migrations';

export class Migration20261126091946 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`attributes_type_index\`;`);

    this.addSql(`alter table \`attributes\` add column \`correlation_key\` text null;`);
    this.addSql(`alter table \`attributes\` add column \`correlation_key2\` text null;`);
    this.addSql(`alter table \`attributes\` add column \`ip_start\` text null;`);
    this.addSql(`alter table \`attributes\` add column \`ip_end\` text null;`);
    this.addSql(`create index \`attributes_ip_start_index\` on \`attributes\` (\`ip_start\`);`);
    this.addSql(`create index \`attributes_correlation_key2_index\` on \`attributes\` (\`correlation_key2\`);`);
    this.addSql(`create index \`attributes_correlation_key_index\` on \`attributes\` (\`correlation_key\`);`);
    this.addSql(`create index \`attributes_type_timestamp_index\` on \`attributes\` (\`type\`, \`timestamp\`);`);
  }

}
