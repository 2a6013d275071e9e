import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REALWORLD_DIR } from './paths';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A real MISP event of ../shared/realworld/misp-json (the `Event` object). */
export function realMispEvent(file: string): any {
  const doc = JSON.parse(readFileSync(join(REALWORLD_DIR, 'misp-json', file), 'utf8'));
  return structuredClone(doc.Event ?? doc);
}

/**
 * An event as MISP's pusher sends it (Event::__updateEventForSync and __rearrangeEventStructureForSync):
 * wrapped in `Event`, without Org / org_id / orgc_id / proposal_email_lock, attributes without their
 * local ids, locked, distributions as strings (MISP 2.4 sends them so). `distribution` defaults to
 * ALL_COMMUNITIES ("3") and children inherit ("5") where the source has none.
 */
export function mispPushPayload(event: any, over: Record<string, unknown> = {}): { Event: any } {
  const ev = structuredClone(event);
  for (const k of ['Org', 'org_id', 'orgc_id', 'proposal_email_lock', 'org', 'orgc', 'id', 'attribute_count', 'RelatedEvent']) delete ev[k];
  ev.distribution = String(ev.distribution ?? '3');
  ev.locked = true;
  const child = (a: any) => {
    delete a.id;
    delete a.event_id;
    delete a.object_id;
    a.distribution = String(a.distribution ?? '5');
  };
  for (const a of ev.Attribute ?? []) child(a);
  for (const o of ev.Object ?? []) {
    delete o.id;
    delete o.event_id;
    o.distribution = String(o.distribution ?? '5');
    for (const a of o.Attribute ?? []) child(a);
  }
  return { Event: { ...ev, ...over } };
}

/** MISP's minimal index row fields (Server::getEventIdsFromServer / removeOlderEvents read these). */
export const MINIMAL_INDEX_FIELDS = ['id', 'timestamp', 'sighting_timestamp', 'published', 'uuid', 'orgc_uuid'].sort();

/**
 * What a MISP server does to an event it pulled before storing it (Server::__updatePulledEventBeforeInsert,
 * non-internal server): COMMUNITY_ONLY ("1") → "0", CONNECTED_COMMUNITIES ("2") → "1", for the event and
 * each attribute, object (and its attributes) and report; local tags removed. The hub serves the event as
 * the sync user sees it; this is the puller's half of DESIGN §6's table.
 */
export function mispPullDowngrade(doc: { Event: any }): { Event: any } {
  const ev = structuredClone(doc.Event);
  const down = (x: any) => {
    if (String(x.distribution) === '1') x.distribution = '0';
    else if (String(x.distribution) === '2') x.distribution = '1';
  };
  const noLocal = (x: any) => {
    if (Array.isArray(x.Tag)) x.Tag = x.Tag.filter((t: any) => !t.local);
  };
  down(ev);
  noLocal(ev);
  for (const a of ev.Attribute ?? []) (down(a), noLocal(a));
  for (const o of ev.Object ?? []) {
    down(o);
    for (const a of o.Attribute ?? []) (down(a), noLocal(a));
  }
  for (const r of ev.EventReport ?? []) down(r);
  return { Event: ev };
}

/** The named parameters MISP's Server::__pullEvent appends to events/view (non-internal server). */
export const MISP_PULL_VIEW_PARAMS = '/deleted[]:0/deleted[]:1/excludeGalaxy:1/includeEventCorrelations:0/includeFeedCorrelations:0/includeWarninglistHits:0/excludeLocalTags:1';
