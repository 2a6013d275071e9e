/** `npm run schema:emit`: writes the SDL to schema/schema.graphql (a committed, drift-tested artifact). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildHubSchema, printHubSchema } from './schema';

export const SCHEMA_FILE = resolve(__dirname, '../../../schema/schema.graphql');

async function main() {
  writeFileSync(SCHEMA_FILE, printHubSchema(await buildHubSchema()));
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
