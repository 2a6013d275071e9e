import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareMispEvent, comparisonTable, EventComparison, innerEvent } from '../src/modules/export/misp-compare';

/**
 * `npm run roundtrip -- [dir|file …] [--url http://127.0.0.1:4000] [--no-import]` — the round trip of issue
 * 12 against a running hub: each MISP JSON file is imported (importEvents, one file per call), its event
 * exported through /export/misp-json, and compared field by field with the file; prints the per-event
 * table (matched/expected per part) and every difference. The API key comes from THREATMESH_API_KEY (an
 * organisation user that may import). Exit status 1 when anything differs or failed to import.
 * Default input: ../shared/realworld/misp-json (the real events of the issue).
 */
const SKIP = new Set(['README.md', 'pymisp_existing_event_edited.json']);

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return null;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const url = (flag('--url') ?? process.env.THREATMESH_URL ?? 'http://127.0.0.1:4000').replace(/\/(graphql)?$/, '');
  const noImport = args.includes('--no-import');
  const inputs = args.filter((a) => a !== '--no-import');
  const key = process.env.THREATMESH_API_KEY;
  if (!key) throw new Error('Set THREATMESH_API_KEY to an API key of an organisation user that may import events');
  const files = (inputs.length ? inputs : [resolve(__dirname, '../../../shared/realworld/misp-json')]).flatMap((p) =>
    statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.json') && !SKIP.has(f)).sort().map((f) => join(p, f)) : [p],
  );
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { status: res.status, json };
  };
  const rows: EventComparison[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const original = innerEvent(JSON.parse(text));
    if (!noImport) {
      const r = await post('/graphql', {
        query: 'mutation($d: String!) { importEvents(input: { format: MISP_JSON, data: $d }) { created updated skipped failed } }',
        variables: { d: text },
      });
      if (r.json.errors?.length || r.json.data?.importEvents?.failed) {
        problems.push(`${file}: not imported: ${JSON.stringify(r.json.errors ?? r.json.data).slice(0, 300)}`);
        continue;
      }
    }
    const out = await post('/export/misp-json', { filter: { eventId: String(original.uuid) } });
    const event = out.json.response?.[0]?.Event;
    if (out.status !== 200 || !event) {
      problems.push(`${file}: event ${String(original.uuid)} not in the export (HTTP ${out.status})`);
      continue;
    }
    const row = compareMispEvent(original, event);
    rows.push(row);
    for (const d of row.differences) problems.push(`${file}: ${d}`);
  }
  console.log(comparisonTable(rows));
  for (const p of problems) console.log(p);
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
