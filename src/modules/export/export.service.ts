import { pageSize } from '../../graphql/pagination';
import { Scope, requireActor } from '../../graphql/scope';
import { badInput, notFound } from '../../shared/errors';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { attributeWhere } from '../attribute/attribute.service';
import { getEvent } from '../event/event.service';
import { ExportChunk, exportChunks, ExportEvent, exportEvents, eventsWithMatches, loadExportEvents } from './export-source';
import { mispEventPieces } from './export-misp-event';
import { chunkExtras, eventObjectPages } from './export-event-extras';
import { EXPORT_FORMATS, exportFormat, ExportFormatInfo } from './export.formats';
import { EventExtras, ExportWriter, ExtraObjectPage } from './export-writer';
import { feedHashLines, manifestEntry } from './export-misp';

/** Pieces of output are gathered up to this size before they are handed to the transport. */
const PIECE_BYTES = 64 * 1024;

export interface ExportOptions {
  /** First sid of the rules formats' sid range (default 1000000000, see export-rules.ts). */
  sidBase?: number;
  /** At most this many attributes (GraphQL previews). */
  limit?: number;
  /** This hub's address as the client reached it (rule references). */
  baseUrl?: string;
}

export interface PreparedExport {
  format: ExportFormatInfo;
  /** The output, produced as it is read (pull-based: nothing is read ahead of the consumer). */
  body: AsyncGenerator<string>;
}

/**
 * Checks the format, the filter and the caller, and returns the export as a lazy stream. Everything
 * that can be refused (unknown format, a bad filter, no key) is refused here, before any output, so a
 * transport can still answer with an error status. Restrictive formats (IDS rules, plain values)
 * default to toIds=true and published=true; rules formats only read the network types they express.
 */
export async function prepareExport(
  scope: Scope,
  formatName: string,
  filter: AttributeFilter | null | undefined,
  opts: ExportOptions = {},
): Promise<PreparedExport> {
  requireActor(scope);
  const format = exportFormat(formatName);
  if (!format) throw badInput(`Unknown export format "${formatName}": expected one of ${EXPORT_FORMATS.join(', ')}`, { format: formatName });
  if (opts.sidBase !== undefined && (!Number.isInteger(opts.sidBase) || opts.sidBase < 1 || opts.sidBase > 2_000_000_000)) {
    throw badInput(`Invalid sidBase ${opts.sidBase}: expected a whole number from 1 to 2000000000`);
  }
  const f: AttributeFilter = { ...(filter ?? {}) };
  if (format.restrictive) {
    f.toIds ??= true;
    f.published ??= true;
  }
  if (format.types) {
    const allowed = format.types;
    f.type = f.type ? f.type.filter((t) => allowed.includes(t)) : [...allowed];
  }
  const where = await attributeWhere(scope, f);
  // MISP JSON exports whole events (objects, reports, galaxies …); a GraphQL preview (a limit on
  // attributes) keeps the attribute-stream writer.
  if (format.name === 'misp-json' && opts.limit === undefined) return { format, body: gathered(mispJsonEvents(scope, where, f.deleted === true)) };
  const writer = format.create({ sidBase: opts.sidBase, baseUrl: opts.baseUrl });
  // Whole events (STIX reports of events with no attribute in the export) only when the filter selects
  // events, not attributes: then an event without attributes is still part of what was asked for.
  const events = writer.emptyEvent && opts.limit === undefined && Object.keys(f).every((k) => EVENT_LEVEL_FILTER_KEYS.has(k) || f[k as keyof AttributeFilter] == null) ? eventLevelWhere(f) : null;
  // Whole-event writers (STIX): clusters per chunk, then the event's MISP objects by pages (not in a
  // GraphQL preview, which is a sample of attributes).
  const extras: WholeEventExtras | null = writer.wantsEventExtras
    ? { ofTags: (tags) => chunkExtras(scope, tags), objects: opts.limit === undefined ? (e) => eventObjectPages(scope, e.id, where) : null }
    : null;
  return { format, body: pieces(writer, exportChunks(scope, where, { limit: opts.limit }), events && exportEvents(scope, events), extras) };
}

/** AttributeFilter fields that select events (the rest select attributes). */
const EVENT_LEVEL_FILTER_KEYS = new Set(['eventId', 'published']);
const eventLevelWhere = (f: AttributeFilter) => [...(f.eventId ? [{ uuid: f.eventId.toLowerCase() }] : []), ...(f.published != null ? [{ published: f.published }] : [])];


/**
 * `{"response":[{"Event":{...}}, ...]}` with whole events. A filter with event conditions only (or none)
 * exports every matching visible event, those without attributes too; a filter on attributes exports the
 * events holding a matching attribute, with the matching attributes (as MISP's events/restSearch).
 */
async function* mispJsonEvents(scope: Scope, where: Record<string, unknown>[], includeDeleted: boolean): AsyncGenerator<string> {
  // where[0] is the viewer's attribute visibility (attributeWhere); the rest are the filter's conditions.
  const conditions = where.slice(1);
  const whole = conditions.every((c) => Object.keys(c).length === 1 && 'event' in c);
  const events = whole ? exportEvents(scope, conditions.map((c) => c.event as Record<string, unknown>)) : eventsWithMatches(scope, conditions);
  yield '{"response":[';
  let first = true;
  for await (const batch of events) {
    for (const head of batch) {
      yield first ? '\n' : ',\n';
      first = false;
      yield* mispEventPieces(scope, head, { where: includeDeleted ? conditions : [{ deleted: false }, ...conditions], whole, includeDeleted });
    }
  }
  yield '\n]}\n';
}

/** Small pieces gathered into writes of about PIECE_BYTES. */
async function* gathered(source: AsyncGenerator<string>): AsyncGenerator<string> {
  let buf = '';
  for await (const s of source) {
    buf += s;
    if (buf.length >= PIECE_BYTES) {
      yield buf;
      buf = '';
    }
  }
  yield buf;
}

/** What whole-event writers read besides the attributes (export-event-extras.ts). */
interface WholeEventExtras {
  ofTags(tags: ExportChunk['event']['tags']): Promise<EventExtras>;
  objects: ((e: ExportEvent) => AsyncIterable<ExtraObjectPage>) | null;
}

async function* pieces(writer: ExportWriter, chunks: AsyncGenerator<ExportChunk>, events: AsyncGenerator<ExportEvent[]> | null, extras: WholeEventExtras | null): AsyncGenerator<string> {
  let buf = writer.begin();
  const seen = new Set<number>();
  let open: ExportEvent | null = null;
  /** After an event's last chunk: its objects, page by page (whole-event writers). */
  async function* close(): AsyncGenerator<string> {
    if (open && writer.closeEvent && extras?.objects) yield* writer.closeEvent(open, extras.objects(open));
    open = null;
  }
  for await (const c of chunks) {
    if (events) seen.add(c.event.id);
    if (open && open.id !== c.event.id) {
      for await (const s of close()) {
        buf += s;
        if (buf.length >= PIECE_BYTES) {
          yield buf;
          buf = '';
        }
      }
    }
    open = c.event;
    // Each chunk comes with the clusters its tags and its event's carry.
    const x = extras ? await extras.ofTags([...c.event.tags, ...c.attributes.flatMap((a) => a.tags)]) : undefined;
    buf += writer.chunk(c, x);
    if (buf.length >= PIECE_BYTES) {
      yield buf;
      buf = '';
    }
  }
  for await (const s of close()) {
    buf += s;
    if (buf.length >= PIECE_BYTES) {
      yield buf;
      buf = '';
    }
  }
  if (events && writer.emptyEvent) {
    for await (const batch of events) {
      for (const e of batch) if (!seen.has(e.id)) buf += writer.emptyEvent(e, extras ? await extras.ofTags(e.tags) : undefined);
      if (buf.length >= PIECE_BYTES) {
        yield buf;
        buf = '';
      }
    }
  }
  yield buf + writer.end();
}

/** A small export as one string (GraphQL): at most `first` attributes (capped like a page). */
export async function exportPreview(
  scope: Scope,
  formatName: string,
  filter: AttributeFilter | null | undefined,
  first: number | null | undefined,
): Promise<{ format: string; contentType: string; content: string }> {
  const limit = pageSize(first, scope.config.defaultPageSize, scope.config.maxPageSize);
  const { format, body } = await prepareExport(scope, formatName, filter, { limit });
  let content = '';
  for await (const piece of body) content += piece;
  return { format: format.name, contentType: format.contentType, content };
}

// ---- MISP feed (what a MISP instance fetches: manifest.json, hashes.csv, <uuid>.json) ---------------

/** The feed holds the published events the caller may see (exportEvents applies the visibility). */
const feedEventWhere = () => [{ published: true }];

/** manifest.json: `{ "<event uuid>": { info, date, timestamp, Orgc, Tag, ... }, ... }`, streamed. */
export async function* feedManifest(scope: Scope): AsyncGenerator<string> {
  requireActor(scope);
  let first = true;
  let buf = '{';
  for await (const events of exportEvents(scope, feedEventWhere())) {
    for (const e of events) {
      buf += `${first ? '\n' : ',\n'}${JSON.stringify(e.uuid)}:${JSON.stringify(manifestEntry(e))}`;
      first = false;
    }
    if (buf.length >= PIECE_BYTES) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n}\n`;
}

/** hashes.csv: `md5(value),event uuid` for every attribute of the feed's events. */
export async function prepareFeedHashes(scope: Scope): Promise<AsyncGenerator<string>> {
  requireActor(scope);
  const where = await attributeWhere(scope, { published: true });
  return (async function* () {
    let buf = '';
    for await (const c of exportChunks(scope, where)) {
      for (const a of c.attributes) buf += feedHashLines(a, c.event.uuid);
      if (buf.length >= PIECE_BYTES) {
        yield buf;
        buf = '';
      }
    }
    yield buf;
  })();
}

/** <uuid>.json: one published event the caller may see, `{"Event": {...}}`; NOT_FOUND otherwise. */
export async function prepareFeedEvent(scope: Scope, uuid: string): Promise<AsyncGenerator<string>> {
  requireActor(scope);
  const event = await getEvent(scope, uuid);
  if (!event.published) throw notFound('Event', uuid);
  const head = (await loadExportEvents(scope.em, [event.id])).get(event.id)!;
  // The whole event: objects, references, reports, proposals, galaxies, sightings and attachments.
  return gathered(
    (async function* () {
      yield* mispEventPieces(scope, head, { where: [{ deleted: false }], whole: true });
      yield '\n';
    })(),
  );
}
