/**
 * importEvents / `threatmesh import`: MISP JSON straight into the hub, by the MISP feed's code path
 * (parse → toWire → applyWireEvents): identity by uuid, newer wins, groups of events per transaction
 * (a failing group again event by event), the copies owned by the caller's organisation with the creator
 * organisation kept from the file. A bad event is reported and the good ones are stored.
 */
import { randomUUID } from 'node:crypto';
import { canImportEvents, SyncSkipReason } from '../../auth/policy';
import { setViewer, SYSTEM_VIEWER } from '../../auth/visibility-filter';
import { requireActor, Scope } from '../../graphql/scope';
import { Distribution } from '../../shared/enums';
import { badInput, forbidden, isAppError } from '../../shared/errors';
import { toWire, WireSink } from '../feed/misp-wire';
import { parseMispEvent } from '../feed/parsers/misp-feed';
import { FeedFormatError } from '../feed/parsers/misp-fields';
import { derivedUuid } from '../feed/parsers/misp-event-parts';
import { hubUuidOf } from '../hub/hub.service';
import { Organisation } from '../organisation/organisation.entity';
import { applyWireEvents } from './apply-batch';
import { SyncEventWire } from './wire.types';
import { IMPORT_MAX_EVENTS, ImportedEvent, ImportEventsInput, ImportEventsResult, ImportOutcome } from './import.types';
import { SyncSkipNote } from './skip-note';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The events of a MISP JSON document: `{ "Event": … }`, a bare event, a list of either, or `{ "response": [ … ] }`. */
export function mispDocumentEvents(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObj(json) && Array.isArray(json.response)) return json.response;
  if (isObj(json) && isObj(json.response) && isObj((json.response as Obj).Event)) return [json.response];
  return [json];
}

/**
 * MISP gives an uploaded event without a uuid a new one; here it is derived from the document, so that
 * importing the same file again finds the same event (reported).
 */
function withUuid(doc: unknown, sink: WireSink): unknown {
  const ev = isObj(doc) && isObj(doc.Event) ? doc.Event : doc;
  if (!isObj(ev) || (ev.uuid !== undefined && ev.uuid !== null && ev.uuid !== '')) return doc;
  const uuid = derivedUuid('misp-import-event', JSON.stringify(ev));
  sink.problems.push(`Event.uuid: missing: the event is stored as ${uuid} (derived from its content)`);
  return { ...ev, uuid };
}

const REFUSALS: Partial<Record<SyncSkipReason, string>> = {
  [SyncSkipReason.LOCAL_EVENT]: 'an event with this uuid was created on this hub: an import never overwrites it',
  [SyncSkipReason.NOT_SENDERS_COPY]: "an event with this uuid belongs to another organisation here: an import never overwrites it",
};

const noteMessage = (n: SyncSkipNote) => n.detail ?? REFUSALS[n.reason] ?? `${n.reason}${n.count > 1 ? ` (${n.count})` : ''}`;

export async function importEvents(scope: Scope, input: ImportEventsInput): Promise<ImportEventsResult> {
  const actor = requireActor(scope);
  if (canImportEvents(actor) === 'FORBIDDEN') throw forbidden('Your role may not create events, so it may not import them');
  if (input.distribution === Distribution.SHARING_GROUP || input.distribution === Distribution.INHERIT_EVENT) {
    throw badInput(`distribution ${Distribution[input.distribution]} cannot be chosen for imported events (a file does not carry sharing-group members)`, { field: 'distribution' });
  }
  let json: unknown;
  try {
    json = JSON.parse(input.data.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badInput(`data is not valid JSON: ${(e as Error).message}`, { field: 'data' });
  }
  const docs = mispDocumentEvents(json);
  if (docs.length > IMPORT_MAX_EVENTS) throw badInput(`Too many events (${docs.length}): at most ${IMPORT_MAX_EVENTS} per import`, { field: 'data' });
  const owner = await scope.em.findOneOrFail(Organisation, { id: actor.orgId! });
  const thisHubUuid = await hubUuidOf(scope.em);
  const result = new ImportEventsResult();
  const failed = (entry: ImportedEvent, sink: WireSink, e: unknown) => {
    if (!(e instanceof FeedFormatError || isAppError(e))) {
      scope.logger.warn({ err: e, event: entry.id }, 'import: event not stored');
      sink.problems.push(`could not be stored: ${(e as Error)?.message ?? String(e)}`);
    } else sink.problems.push(e.message);
    entry.outcome = ImportOutcome.FAILED;
  };
  // Parsed first (a bad event is reported alone), then applied in groups of events per transaction
  // (apply-batch.ts; a failing group again event by event).
  const parsed: Array<{ entry: ImportedEvent; sink: WireSink; wire: SyncEventWire }> = [];
  for (const [index, doc] of docs.entries()) {
    const entry = Object.assign(new ImportedEvent(), { index, id: null, info: null, outcome: ImportOutcome.FAILED });
    result.events.push(entry);
    const sink: WireSink = { invalid: 0, problems: entry.problems };
    try {
      const ev = parseMispEvent(withUuid(doc, sink));
      Object.assign(entry, { id: ev.uuid, info: ev.info });
      for (const p of ev.problems) sink.problems.push(p.message.startsWith(p.path) ? p.message : `${p.path}${p.uuid ? ` (${p.uuid})` : ''}: ${p.message}`);
      // An event without a creator organisation is the importer's own (as MISP does on upload).
      ev.orgc ??= { uuid: owner.uuid, name: owner.name };
      if (ev.distribution === Distribution.SHARING_GROUP && input.distribution == null) {
        sink.problems.push('Event.distribution: a sharing group cannot be carried by a file: stored as ORGANISATION_ONLY');
      }
      const wire = toWire(
        ev,
        undefined,
        {
          keepOwnDistribution: input.distribution == null,
          distribution: input.distribution ?? Distribution.ORGANISATION_ONLY,
          sharingGroup: null,
          overrideIds: false,
          publish: !!input.publish,
          extraTags: [],
          now: scope.clock.now(),
          attachmentMaxBytes: scope.config.attachmentMaxBytes,
        },
        sink,
      )!;
      parsed.push({ entry, sink, wire });
    } catch (e) {
      failed(entry, sink, e);
    }
  }
  const ctx = { ownerOrg: owner, originHubUuid: null, thisHubUuid, logger: scope.logger, clock: scope.clock, attachmentMaxBytes: scope.config.attachmentMaxBytes };
  const outcomes = await applyWireEvents(() => scope.openScope(actor, randomUUID()), ctx, parsed.map((p) => p.wire), {
    // Applying is the hub's own work (as for a feed): it must find every stored copy and uuid, visible to
    // the caller or not; what may be written is decided by the sync write rules inside.
    begin: (em) => void setViewer(em, SYSTEM_VIEWER),
  });
  outcomes.forEach((o, i) => {
    const { entry, sink } = parsed[i];
    if (!o.ok) return failed(entry, sink, o.error);
    for (const n of o.skips) sink.problems.push(noteMessage(n));
    entry.outcome = o.outcome === 'created' ? ImportOutcome.CREATED : o.outcome === 'updated' ? ImportOutcome.UPDATED : ImportOutcome.SKIPPED;
  });
  for (const entry of result.events) {
    if (entry.outcome === ImportOutcome.CREATED) result.created++;
    else if (entry.outcome === ImportOutcome.UPDATED) result.updated++;
    else if (entry.outcome === ImportOutcome.SKIPPED) result.skipped++;
    else result.failed++;
  }
  return result;
}
