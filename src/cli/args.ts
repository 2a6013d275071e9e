import { InvalidArgumentError } from 'commander';
import { Distribution } from '../shared/enums';

/**
 * Option parsers shared by the commands. A bad value is a commander InvalidArgumentError: one line naming
 * the option and the value, exit code 1 before anything runs.
 */

/** A value of a string enum, case-insensitive (`--format csv`, `--role publisher`). */
export function enumValue<E extends Record<string, string>>(e: E, what: string) {
  return (raw: string): E[keyof E] => {
    const v = Object.values(e).find((x) => x === raw.trim().toUpperCase());
    if (!v) throw new InvalidArgumentError(`"${raw}" is not a ${what}: expected one of ${Object.values(e).join(', ')}`);
    return v as E[keyof E];
  };
}

/** A distribution by name (any case) or by MISP's number 0–3. */
export function distribution(raw: string): Distribution {
  const t = raw.trim();
  const byNumber = /^[0-3]$/.test(t) ? Number(t) : undefined;
  const byName = Distribution[t.toUpperCase() as keyof typeof Distribution];
  const d = byNumber ?? byName;
  if (d === undefined) {
    throw new InvalidArgumentError(`"${raw}" is not a distribution: expected ORGANISATION_ONLY, COMMUNITY_ONLY, CONNECTED_COMMUNITIES, ALL_COMMUNITIES, SHARING_GROUP or 0–3`);
  }
  return d;
}

/** A list option that may be given several times, each value comma-separated or not (`--tag a --tag b,c`). */
export const collect = (raw: string, previous: string[] = []) => [...previous, ...raw.split(',').map((s) => s.trim()).filter(Boolean)];

/** Repeatable option kept whole (values that may contain commas, e.g. headers). */
export const repeat = (raw: string, previous: string[] = []) => [...previous, raw];

/** 1-based column numbers, comma-separated. */
export function columns(raw: string): number[] {
  return raw.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${s}" is not a 1-based column number`);
    return n;
  });
}

/** An instant: ISO 8601 date or date-time. */
export function instant(raw: string): Date {
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime())) throw new InvalidArgumentError(`"${raw}" is not an ISO 8601 date (e.g. 2027-01-31 or 2027-01-31T12:00:00Z)`);
  return d;
}

/** Output format of the list commands. */
export type OutputFormat = 'text' | 'json';
export function outputFormat(raw: string): OutputFormat {
  const v = raw.trim().toLowerCase();
  if (v !== 'text' && v !== 'json') throw new InvalidArgumentError(`"${raw}" is not an output format: expected text or json`);
  return v;
}

/** Prints rows as JSON (one array) or as aligned text columns. */
export function printRows(format: OutputFormat, rows: Record<string, unknown>[], columnsOf: (r: Record<string, unknown>) => string[], empty: string): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (!rows.length) {
    process.stdout.write(`${empty}\n`);
    return;
  }
  const cells = rows.map(columnsOf);
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  for (const c of cells) process.stdout.write(`${c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ')}\n`);
}
