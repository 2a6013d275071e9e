/**
 * A feed's settings: the checks that turn admin input into the stored columns (each refusal a BAD_USER_INPUT
 * naming the offending value), and the readers of the stored columns.
 */
import { validate as validateCron } from 'node-cron';
import { Scope } from '../../graphql/scope';
import { badInput } from '../../shared/errors';
import { localFileBelowRoot, OutboundRefusedError } from '../../shared/outbound';
import { checkTagName } from '../tag/tag.service';
import { classifySource, FeedSourceError } from './feed-fetch';
import { Feed } from './feed.entity';
import { FeedRulesInput } from './feed.inputs';
import { parseExcludeRegex, resolveDelimiter } from './parsers/csv';
import { FeedFormatError } from './parsers/misp-fields';

const asBadInput = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    if (e instanceof FeedFormatError || e instanceof FeedSourceError) throw badInput(e.message);
    throw e;
  }
};

/** A feed url: http(s), or a local file below FEED_FILE_ROOT (checked again at every read). */
export async function checkUrl(scope: Scope, url: string): Promise<string> {
  const text = url.trim();
  const source = asBadInput(() => classifySource(text));
  if (source.kind === 'file') {
    try {
      await localFileBelowRoot(scope.config.feedFileRoot, source.path);
    } catch (e) {
      if (e instanceof OutboundRefusedError) throw badInput(`Invalid feed url: ${e.message}`);
      throw e;
    }
  }
  return text;
}

export function checkColumns(columns: number[]): string {
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 1) throw badInput(`valueColumns must be 1-based column numbers, got ${c}`);
  }
  return columns.join(',');
}

export function checkDelimiter(delimiter: string): string {
  asBadInput(() => resolveDelimiter(delimiter));
  return delimiter === '' ? ',' : delimiter;
}

export function checkExcludeRegex(text: string | null | undefined): string | null {
  if (!text?.trim()) return null;
  asBadInput(() => parseExcludeRegex(text));
  return text.trim();
}

export function checkTags(tags: string[]): string | null {
  const names = [...new Set(tags.map((t) => checkTagName(t.trim())))];
  return names.length ? JSON.stringify(names) : null;
}

export function checkSchedule(schedule: string | null | undefined): string | null {
  if (!schedule?.trim()) return null;
  if (!validateCron(schedule.trim())) throw badInput(`Invalid schedule "${schedule}": not a cron expression (node-cron, e.g. "0 */6 * * *")`);
  return schedule.trim();
}

export function checkRules(rules: FeedRulesInput | null | undefined): string | null {
  if (!rules) return null;
  const clean = (xs: string[] | undefined, what: string) =>
    [...new Set((xs ?? []).map((x) => x.trim()))].map((x) => {
      if (!x || x.length > 255) throw badInput(`rules.${what}: "${x.slice(0, 100)}" must be 1 to 255 characters`);
      return x;
    });
  const out = {
    tagsAllow: clean(rules.tagsAllow, 'tagsAllow'),
    tagsBlock: clean(rules.tagsBlock, 'tagsBlock'),
    orgsAllow: clean(rules.orgsAllow, 'orgsAllow'),
    orgsBlock: clean(rules.orgsBlock, 'orgsBlock'),
  };
  return Object.values(out).some((l) => l.length) ? JSON.stringify(out) : null;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Request headers the hub sets itself (conditional GET); a feed may not override them. */
const RESERVED_HEADERS = new Set(['if-none-match', 'if-modified-since', 'host', 'content-length', 'connection', 'transfer-encoding']);

/** "Name: value" lines → JSON of [name, value] pairs (null = none). */
export function checkHeaders(lines: string[]): string | null {
  const pairs = lines.map((line) => {
    const i = line.indexOf(':');
    const name = i > 0 ? line.slice(0, i).trim() : '';
    const value = i > 0 ? line.slice(i + 1).trim() : '';
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || /[\r\n\0]/.test(value) || value.length > 4096) {
      throw badInput(`Invalid header "${line.slice(0, 60)}": expected "Name: value" (a token name other than ${[...RESERVED_HEADERS].join(', ')}; no line breaks)`);
    }
    return [name, value];
  });
  return pairs.length ? JSON.stringify(pairs) : null;
}

/** The feed's extra request headers (values may hold credentials: never exposed through the API). */
export const feedHeaders = (f: Pick<Feed, 'headers'>): Record<string, string> =>
  f.headers ? Object.fromEntries(JSON.parse(f.headers) as Array<[string, string]>) : {};

export const feedTags = (f: Feed): string[] => (f.tags ? (JSON.parse(f.tags) as string[]) : []);
export const feedValueColumns = (f: Feed): number[] => (f.valueColumns ? f.valueColumns.split(',').map(Number) : []);
