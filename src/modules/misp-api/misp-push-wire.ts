/**
 * An event a MISP server pushes (events/add and events/edit with `metadata`, as MISP's ServerSyncTool
 * sends them) → the sync wire form the one receive path applies (misp-import applyWireEvent). The MISP
 * JSON is read by the parser the feeds and imports use (parse → toWire); what sync adds on top is the
 * sharing groups, which a file cannot carry but a pushing server sends with their member organisations
 * (`SharingGroup` with `Organisation` and `SharingGroupOrg`), on the event and on each attribute, object
 * and report. A child in a sharing group the payload does not describe is left out (never widened to the
 * event's distribution) and reported.
 */
import { Distribution } from '../../shared/enums';
import { toWire, WireSink } from '../feed/misp-wire';
import { parseMispEvent } from '../feed/parsers/misp-feed';
import { FeedFormatError, isObject, Obj } from '../feed/parsers/misp-fields';
import { sharingGroupFromMisp } from '../feed/parsers/misp-sharing-group';
import type { SyncEventWire, SyncSharingGroupWire } from '../misp-import/wire.types';

export interface PushedMispEvent {
  wire: SyncEventWire;
  /** `Event.Org.uuid` when the payload names an owner (MISP's pusher strips it). */
  claimedOwnerUuid: string | null;
  /** What was left out, path by path. */
  problems: string[];
}

const isSharingGroupLevel = (d: unknown) => d === 4 || d === '4';
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * The wire form of a pushed event. `keyOrg` is the pusher's organisation: the creator when the payload
 * names none (as MISP does for an event its sync user made). Throws FeedFormatError (naming the field)
 * for an event that cannot be read, including one in a sharing group it does not describe.
 */
export function mispPushToWire(doc: unknown, keyOrg: { uuid: string; name: string }, now: Date, attachmentMaxBytes: number): PushedMispEvent {
  const ev = isObject(doc) && isObject(doc.Event) ? doc.Event : doc;
  if (!isObject(ev)) throw new FeedFormatError('expected an event object', { field: 'Event', value: doc });
  const parsed = parseMispEvent(ev);
  parsed.orgc ??= { uuid: keyOrg.uuid, name: keyOrg.name };
  const problems: string[] = parsed.problems.map((p) => (p.message.startsWith(p.path) ? p.message : `${p.path}: ${p.message}`));
  const sink: WireSink = { invalid: 0, problems };
  const eventGroup = isSharingGroupLevel(ev.distribution) ? sharingGroupFromMisp(ev.SharingGroup, 'Event.SharingGroup') : null;
  const wire = toWire(
    parsed,
    undefined,
    {
      keepOwnDistribution: true,
      distribution: eventGroup ? Distribution.SHARING_GROUP : Distribution.ORGANISATION_ONLY,
      sharingGroup: eventGroup,
      overrideIds: false,
      publish: parsed.published,
      extraTags: [],
      now,
      attachmentMaxBytes,
    },
    sink,
  )!;
  wire.publishedAt = parsed.published ? (parsed.publishTimestamp ? new Date(parsed.publishTimestamp * 1000) : now) : null;

  // Children in a sharing group: the group the payload gives them, or they are left out (never widened).
  const groupOf = (raw: Obj, path: string): SyncSharingGroupWire | null => {
    try {
      return sharingGroupFromMisp(raw.SharingGroup, `${path}.SharingGroup`);
    } catch (e) {
      problems.push(`${(e as Error).message}: left out`);
      return null;
    }
  };
  const dropAttributes = new Set<string>();
  const attributeGroups = new Map<string, SyncSharingGroupWire>();
  const objectGroups = new Map<string, SyncSharingGroupWire>();
  const dropObjects = new Set<string>();
  const uuidOf = (raw: Obj) => (typeof raw.uuid === 'string' ? raw.uuid.toLowerCase() : null);
  const visitAttributes = (attrs: Obj[], path: string) =>
    attrs.forEach((a, i) => {
      const u = uuidOf(a);
      if (!u || !isSharingGroupLevel(a.distribution)) return;
      const g = groupOf(a, `${path}[${i}]`);
      if (g) attributeGroups.set(u, g);
      else dropAttributes.add(u);
    });
  visitAttributes(list(ev.Attribute), 'Event.Attribute');
  list(ev.Object).forEach((o, i) => {
    const u = uuidOf(o);
    if (u && isSharingGroupLevel(o.distribution)) {
      const g = groupOf(o, `Event.Object[${i}]`);
      if (g) objectGroups.set(u, g);
      else dropObjects.add(u);
    }
    visitAttributes(list(o.Attribute), `Event.Object[${i}].Attribute`);
  });
  const reportGroups = new Map<string, SyncSharingGroupWire | null>();
  list(ev.EventReport).forEach((r, i) => {
    const u = uuidOf(r);
    if (u && isSharingGroupLevel(r.distribution)) reportGroups.set(u, groupOf(r, `Event.EventReport[${i}]`));
  });

  wire.objects = (wire.objects ?? []).filter((o) => !dropObjects.has(o.id.toLowerCase()));
  for (const o of wire.objects) {
    const g = objectGroups.get(o.id.toLowerCase());
    if (g) Object.assign(o, { distribution: Distribution.SHARING_GROUP, sharingGroup: g });
  }
  const keptObjects = new Set(wire.objects.map((o) => o.id.toLowerCase()));
  wire.attributes = wire.attributes.filter((a) => !dropAttributes.has(a.id.toLowerCase()) && (!a.objectId || keptObjects.has(a.objectId.toLowerCase())));
  for (const a of wire.attributes) {
    const g = attributeGroups.get(a.id.toLowerCase());
    if (g) Object.assign(a, { distribution: Distribution.SHARING_GROUP, sharingGroup: g });
  }
  wire.reports = (wire.reports ?? []).filter((r) => reportGroups.get(r.id.toLowerCase()) !== null);
  for (const r of wire.reports) {
    const g = reportGroups.get(r.id.toLowerCase());
    if (g) Object.assign(r, { distribution: Distribution.SHARING_GROUP, sharingGroup: g });
  }
  const owner = isObject(ev.Org) ? ev.Org.uuid : undefined;
  if (owner !== undefined && typeof owner !== 'string') throw new FeedFormatError('expected an organisation uuid', { field: 'Event.Org.uuid', value: owner });
  return { wire, claimedOwnerUuid: (owner as string | undefined) ?? null, problems };
}

