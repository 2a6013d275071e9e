/**
 * Streams of MISP JSON documents built from the hub's services: a full event (events/view, events/add,
 * events/restSearch), and attributes/restSearch's `{"response": {"Attribute": [...]}}`. Attributes are
 * read through the export source (bounded pages, visibility applied), so a large event never sits in memory.
 */
import { attributeWhere } from '../../modules/attribute/attribute.service';
import type { Event } from '../../modules/event/event.entity';
import { exportChunks, ExportChunk } from '../../modules/export/export-source';
import { eventsByIds, objectsOfEvent, tagIdsByName } from '../../modules/misp-api/misp-api.service';
import { mispObject } from './misp-object-routes';
import type { Scope } from '../../graphql/scope';
import { EMPTY_EVENT_LISTS, mispAttribute, mispEventFields, mispTag } from './misp-shapes';

const PIECE = 64 * 1024;

/** The event's tag links the caller may see, with their tags. */
async function eventTags(scope: Scope, e: Event) {
  const links = await scope.loaders.eventTags.load(e.id);
  return links.map((l) => ({ id: l.id, tag: l.tag, local: l.local }));
}

async function tagIdsOf(scope: Scope, chunk: ExportChunk) {
  return tagIdsByName(scope, chunk.attributes.flatMap((a) => a.tags.map((t) => t.name)));
}

/** `{"Event": {..., "Attribute": [...]}}` of one visible event; without attributes when `metadata`. */
export async function* eventDocument(scope: Scope, e: Event, opts: { metadata?: boolean } = {}): AsyncGenerator<string> {
  const objects = opts.metadata ? [] : await Promise.all((await objectsOfEvent(scope, e.id)).map((o) => mispObject(scope, o)));
  const head = JSON.stringify({ Event: { ...mispEventFields(e, await eventTags(scope, e)), ...EMPTY_EVENT_LISTS, Object: objects } });
  // Open the Event object after its fields and stream the attribute list (attributes outside objects, as MISP lists them) into it.
  let buf = `${head.slice(0, -2)},"Attribute":[`;
  if (!opts.metadata) {
    let first = true;
    for await (const chunk of exportChunks(scope, [...(await attributeWhere(scope, { eventId: e.uuid })), { object: null }])) {
      const tagIds = await tagIdsOf(scope, chunk);
      for (const a of chunk.attributes) {
        buf += `${first ? '' : ','}${JSON.stringify(mispAttribute(a, e.id, tagIds))}`;
        first = false;
      }
      if (buf.length >= PIECE) {
        yield buf;
        buf = '';
      }
    }
  }
  yield `${buf}]}}`;
}

/** A whole event as one value (small answers: add/edit/view of one event). */
export async function eventObject(scope: Scope, e: Event, opts: { metadata?: boolean } = {}): Promise<unknown> {
  let text = '';
  for await (const piece of eventDocument(scope, e, opts)) text += piece;
  return JSON.parse(text);
}

/** events/restSearch: `{"response": [{"Event": ...}, ...]}` over pages of event ids. */
export async function* eventsResponse(scope: Scope, pages: AsyncGenerator<number[]>, opts: { metadata: boolean }): AsyncGenerator<string> {
  yield '{"response":[';
  let first = true;
  for await (const ids of pages) {
    for (const e of await eventsByIds(scope, ids)) {
      if (!first) yield ',';
      first = false;
      yield* eventDocument(scope, e, opts);
    }
    // Nothing read for one page stays in the request's identity map or loader caches.
    scope.em.clear();
    scope.loaders.eventTags.clearAll();
  }
  yield ']}';
}

export interface AttributeSearchOutput {
  includeContext: boolean;
  includeEventTags: boolean;
}

/**
 * attributes/restSearch: each attribute with MISP's short `Event` (or the whole event's fields with
 * includeContext), and its event's tags among its own with includeEventTags.
 */
export async function* attributesResponse(scope: Scope, chunks: AsyncGenerator<ExportChunk>, opts: AttributeSearchOutput): AsyncGenerator<string> {
  let buf = '{"response":{"Attribute":[';
  let first = true;
  let current: { id: number; event: Record<string, unknown>; tags: ReturnType<typeof mispTag>[] } | null = null;
  for await (const chunk of chunks) {
    if (current?.id !== chunk.event.id) {
      const [e] = await eventsByIds(scope, [chunk.event.id]);
      const links = await eventTags(scope, e);
      const fields = mispEventFields(e, links);
      const { Tag: tags, ...context } = fields;
      current = {
        id: e.id,
        event: opts.includeContext
          ? { ...context, ...(opts.includeEventTags ? { Tag: tags } : {}) }
          : { org_id: fields.org_id, distribution: fields.distribution, id: fields.id, info: fields.info, orgc_id: fields.orgc_id, uuid: fields.uuid },
        tags: opts.includeEventTags ? tags.map((t) => ({ ...t, inherited: 1 })) : [],
      };
      scope.loaders.eventTags.clearAll();
    }
    const tagIds = await tagIdsOf(scope, chunk);
    for (const a of chunk.attributes) {
      const attribute = mispAttribute(a, chunk.event.id, tagIds);
      const own = new Set(attribute.Tag.map((t) => t.name.toLowerCase()));
      const Tag = [...attribute.Tag, ...current.tags.filter((t) => !own.has(t.name.toLowerCase()))];
      buf += `${first ? '' : ','}${JSON.stringify({ ...attribute, event_uuid: chunk.event.uuid, Event: current.event, Tag })}`;
      first = false;
    }
    if (buf.length >= PIECE) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}]}}`;
}
