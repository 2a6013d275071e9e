import { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importEvents } from '../modules/misp-import/import.service';
import { ImportEventsResult, ImportFormat } from '../modules/misp-import/import.types';
import { Distribution } from '../shared/enums';
import { distribution } from './args';
import { CliError } from './errors';
import { withHub } from './hub';
import { findOrg } from './orgs';

/** `threatmesh import`: MISP JSON files through the importEvents service (the importEvents mutation's). */

function printImport(file: string, r: ImportEventsResult) {
  console.log(`${file}: created ${r.created}, updated ${r.updated}, skipped ${r.skipped}, failed ${r.failed}`);
  for (const e of r.events) {
    console.log(`  [${e.index}] ${e.outcome.toLowerCase()} ${e.id ?? '(no uuid)'}${e.info ? ` "${e.info.slice(0, 80)}"` : ''}`);
    for (const p of e.problems) console.log(`      ${p}`);
  }
}

export function registerImport(program: Command): void {
  program
    .command('import <path>')
    .description('import MISP JSON events from a file, or from every *.json file of a directory (manifest.json left out), as --org')
    .requiredOption('--org <org>', 'organisation (uuid or name) that owns the imported copies')
    .option('--distribution <level>', 'distribution of the imported events (ORGANISATION_ONLY, COMMUNITY_ONLY, CONNECTED_COMMUNITIES, ALL_COMMUNITIES or 0–3); default: each event\'s own', distribution)
    .option('--publish', 'publish the imported events', false)
    .action((path: string, o: { org: string; distribution?: Distribution; publish: boolean }) =>
      withHub(async ({ scope }) => {
        if (o.distribution !== undefined && o.distribution > Distribution.ALL_COMMUNITIES) {
          throw new CliError(`--distribution ${Distribution[o.distribution]}: expected ORGANISATION_ONLY, COMMUNITY_ONLY, CONNECTED_COMMUNITIES, ALL_COMMUNITIES or 0–3`);
        }
        const org = await findOrg(scope, o.org);
        let files: string[];
        try {
          files = statSync(path).isDirectory()
            ? readdirSync(path).filter((f) => f.toLowerCase().endsWith('.json') && f !== 'manifest.json').sort().map((f) => join(path, f))
            : [path];
        } catch (e) {
          throw new CliError(`${path}: ${(e as Error).message}`);
        }
        const as = scope.openScope({ kind: 'system', orgId: org.id }, 'cli-import');
        for (const file of files) {
          try {
            const size = statSync(file).size;
            if (size > scope.config.bodyLimitBytes) throw new Error(`${size} bytes, more than BODY_LIMIT (${scope.config.bodyLimit})`);
            const r = await importEvents(as, { format: ImportFormat.MISP_JSON, data: readFileSync(file, 'utf8'), distribution: o.distribution ?? null, publish: o.publish });
            printImport(file, r);
            if (r.failed) process.exitCode = 1;
          } catch (e) {
            process.stderr.write(`error: ${file}: not imported: ${(e as Error).message}\n`);
            process.exitCode = 1;
          }
        }
        if (!files.length) console.log(`${path}: no .json files`);
      }),
    );
}
