import { Distribution } from '../../shared/enums';

/**
 * The federation rules of DESIGN §6 as pure functions over plain data: what may cross a link to a peer,
 * at which distribution, and what a receiving hub does with what arrives. No database, no I/O: the sync
 * services load the data, call these, and write the result. Unit-tested as tables
 * (test/unit/sync-rules.test.ts).
 *
 * Who may *pull* what is not decided here: a pulling peer's sync user reads through the hub's normal
 * visibility rules (auth/policy.ts), and this module only downgrades what arrives (`downgradeOnPull`).
 *
 * Uuids are identities (DESIGN §3): they are compared lower-case.
 */

/** A tag on an event or attribute. Local tags and non-exportable tags never leave the hub. */
export interface SyncTag {
  readonly name: string;
  /** EventTag/AttributeTag `local` flag: meaningful on this hub only. */
  readonly local: boolean;
  /** Tag `exportable` flag. */
  readonly exportable: boolean;
}

/** A sharing group as the rules need it, captured by uuid (local ids never leave a hub). */
export interface SyncSharingGroup {
  readonly uuid: string;
  readonly name: string;
  /** Roaming groups follow their member organisations to any hub, whatever the hubs listed. */
  readonly roaming: boolean;
  /** Member organisations, by uuid. */
  readonly memberOrgUuids: readonly string[];
  /** The group lists this hub as a member instance. */
  readonly thisHubListed: boolean;
  /** Peers listed as member instances, by the peer hub's uuid. */
  readonly listedPeerUuids: readonly string[];
}

/** An attribute inside a synced event. Extra fields (type, value, …) pass through untouched. */
export interface SyncAttribute {
  readonly uuid: string;
  readonly distribution: Distribution;
  /** Set if and only if distribution is SHARING_GROUP. */
  readonly sharingGroup: SyncSharingGroup | null;
  readonly timestamp: number;
  /** Soft delete: travels as a tombstone. */
  readonly deleted: boolean;
  readonly tags: readonly SyncTag[];
  /** The MISP object it belongs to (uuid), or none: an object that does not travel hides its attributes. */
  readonly objectUuid?: string | null;
}

/**
 * What lives inside an event besides attributes and follows the attributes' distribution rule: MISP
 * objects (with their references) and event reports. Extra fields pass through untouched.
 */
export interface SyncChild {
  readonly uuid: string;
  readonly distribution: Distribution;
  readonly sharingGroup: SyncSharingGroup | null;
  readonly timestamp: number;
  readonly deleted: boolean;
}

/** A MISP object as the rules see it: a child of the event, with references to other uuids. */
export interface SyncObject extends SyncChild {
  readonly references: readonly { readonly targetUuid: string }[];
}

/** An event as it crosses a link. Extra fields (info, date, …) pass through untouched. */
export interface SyncEvent<A extends SyncAttribute = SyncAttribute> {
  readonly uuid: string;
  readonly distribution: Distribution;
  /** Set if and only if distribution is SHARING_GROUP. */
  readonly sharingGroup: SyncSharingGroup | null;
  readonly published: boolean;
  readonly timestamp: number;
  /** Event tombstone (unlike MISP, event deletions propagate). Absent means not deleted. */
  readonly deleted?: boolean;
  /** Who made it (orgc); kept across hubs. */
  readonly creatorOrgUuid: string;
  /** Who holds this copy on the sending hub. */
  readonly ownerOrgUuid: string;
  readonly tags: readonly SyncTag[];
  readonly attributes: readonly A[];
  /** MISP objects; absent: not sent (a protocol-1.0 peer), left as they are. */
  readonly objects?: readonly SyncObject[] | null;
  /** Event reports; absent: not sent. */
  readonly reports?: readonly SyncChild[] | null;
}

/** The link to one peer, as the rules need it. */
export interface PeerLink {
  /** The remote hub's uuid (its `hubInfo`). */
  readonly peerHubUuid: string;
  /** The remote hub's organisation, as registered on the Peer. */
  readonly peerOrgUuid: string;
  /** Same organisation on both sides: the downgrade is skipped. */
  readonly internal: boolean;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const includesUuid = (list: readonly string[], uuid: string): boolean => list.some((u) => same(u, uuid));

/**
 * Does the sharing group admit the peer? (DESIGN §6, the SHARING_GROUP row.)
 * - the peer hub is listed as a member instance: admitted;
 * - otherwise the peer's organisation must be a member, and the group must be roaming (it follows its
 *   member orgs anywhere) or list no hubs at all (neither this hub nor any peer). A non-roaming group that
 *   lists hubs is bound to those hubs: org membership alone does not carry it to an unlisted one.
 */
export function sharingGroupAdmitsPeer(sg: SyncSharingGroup, peer: PeerLink): boolean {
  if (includesUuid(sg.listedPeerUuids, peer.peerHubUuid)) return true;
  if (!includesUuid(sg.memberOrgUuids, peer.peerOrgUuid)) return false;
  const listsNoHubs = !sg.thisHubListed && sg.listedPeerUuids.length === 0;
  return sg.roaming || listsNoHubs;
}

/** Local and non-exportable tags never leave the hub. */
export const exportableTags = (tags: readonly SyncTag[]): SyncTag[] => tags.filter((t) => !t.local && t.exportable);

/**
 * The distribution an element (event or attribute) travels at when pushed, or null when it stays here.
 *
 * Non-internal peer (MISP's rules):
 * - ORGANISATION_ONLY, COMMUNITY_ONLY: never pushed;
 * - CONNECTED_COMMUNITIES: arrives as COMMUNITY_ONLY (one hop, then it stops);
 * - ALL_COMMUNITIES, INHERIT_EVENT: unchanged;
 * - SHARING_GROUP: only if the group admits the peer; otherwise stays (also without a group: fail closed).
 *
 * Internal peer (same organisation on both sides): no downgrade, and COMMUNITY_ONLY travels unchanged,
 * since both hubs are one community. ORGANISATION_ONLY travels (unchanged) only when the event's owner
 * org is the peer's organisation: the mirror of the pull rule, where org-only data reaches a puller
 * only if its sync user belongs to the owner org. Sharing groups still need admission: `internal` skips
 * the downgrade, not the group's membership.
 */
function pushedDistribution(
  distribution: Distribution,
  sharingGroup: SyncSharingGroup | null,
  eventOwnerOrgUuid: string,
  peer: PeerLink,
  isEvent: boolean,
): Distribution | null {
  switch (distribution) {
    case Distribution.ORGANISATION_ONLY:
      return peer.internal && same(eventOwnerOrgUuid, peer.peerOrgUuid) ? distribution : null;
    case Distribution.COMMUNITY_ONLY:
      return peer.internal ? distribution : null;
    case Distribution.CONNECTED_COMMUNITIES:
      return peer.internal ? distribution : Distribution.COMMUNITY_ONLY;
    case Distribution.ALL_COMMUNITIES:
      return distribution;
    case Distribution.SHARING_GROUP:
      return sharingGroup !== null && sharingGroupAdmitsPeer(sharingGroup, peer) ? distribution : null;
    case Distribution.INHERIT_EVENT:
      // Children only; an event cannot inherit, so an event at this level is malformed and stays here.
      return isEvent ? null : distribution;
    default:
      return null; // unknown level: fail closed
  }
}

/**
 * The copy of an event to push to a peer, or null when it may not travel to that peer.
 *
 * - Only published events travel. An event tombstone (`deleted`) travels whether or not it is still
 *   published, provided its distribution would let it reach the peer (a peer that never could have had
 *   it learns nothing); it carries no attributes or tags, since the receiver only needs the identity.
 * - The event's distribution follows `pushedDistribution`; its attributes follow the same rule one by
 *   one: those that may not travel are removed, the rest downgraded. (ORGANISATION_ONLY attributes in an
 *   event owned by the peer's org travel to an internal peer, as for events.)
 * - Attribute tombstones (`deleted: true`) travel like live attributes, so deletions propagate.
 * - Local and non-exportable tags are removed from the event and every attribute.
 * - The sharing group travels with SHARING_GROUP data only; any other level carries none.
 *
 * The input is not modified; fields the rules do not know pass through unchanged.
 */
export function prepareForPush<E extends SyncEvent>(event: E, peer: PeerLink): E | null {
  const distribution = pushedDistribution(event.distribution, event.sharingGroup, event.ownerOrgUuid, peer, true);
  if (distribution === null) return null;
  const sharingGroup = distribution === Distribution.SHARING_GROUP ? event.sharingGroup : null;

  if (event.deleted) {
    return { ...event, distribution, sharingGroup, tags: [], attributes: [] as unknown as E['attributes'] };
  }
  if (!event.published) return null;

  const pushed = <C extends SyncChild>(c: C): C | null => {
    const level = pushedDistribution(c.distribution, c.sharingGroup, event.ownerOrgUuid, peer, false);
    return level === null ? null : { ...c, distribution: level, sharingGroup: level === Distribution.SHARING_GROUP ? c.sharingGroup : null };
  };
  const objects = event.objects ? event.objects.map(pushed).filter((o): o is SyncObject => o !== null) : event.objects;
  const keptObjects = new Set((objects ?? []).map((o) => o.uuid.toLowerCase()));
  const attributes: SyncAttribute[] = [];
  for (const a of event.attributes as readonly SyncAttribute[]) {
    // An object that stays here hides its attributes (DESIGN §4: an invisible object hides them).
    if (a.objectUuid && !keptObjects.has(a.objectUuid.toLowerCase())) continue;
    const level = pushedDistribution(a.distribution, a.sharingGroup, event.ownerOrgUuid, peer, false);
    if (level === null) continue;
    attributes.push({
      ...a,
      distribution: level,
      sharingGroup: level === Distribution.SHARING_GROUP ? a.sharingGroup : null,
      tags: exportableTags(a.tags),
    });
  }
  return {
    ...event,
    distribution,
    sharingGroup,
    tags: exportableTags(event.tags),
    // Same element type as the input: each entry is a spread copy of an input attribute.
    attributes: attributes as unknown as E['attributes'],
    objects: objects ? withoutDanglingReferences(event, objects, attributes) : objects,
    reports: event.reports ? event.reports.map(pushed).filter((r): r is SyncChild => r !== null) : event.reports,
  };
}

/**
 * References whose target is in this event but does not travel are left out (never half of something
 * that stays here); references to uuids outside the event pass (MISP references across events by uuid).
 */
export function withoutDanglingReferences<O extends SyncObject>(
  original: Pick<SyncEvent, 'attributes' | 'objects'>,
  objects: readonly O[],
  attributes: readonly Pick<SyncAttribute, 'uuid'>[],
): O[] {
  const inEvent = new Set([...original.attributes.map((a) => a.uuid), ...(original.objects ?? []).map((o) => o.uuid)].map((u) => u.toLowerCase()));
  const kept = new Set([...attributes.map((a) => a.uuid), ...objects.map((o) => o.uuid)].map((u) => u.toLowerCase()));
  return objects.map((o) => ({
    ...o,
    references: o.references.filter((r) => !inEvent.has(r.targetUuid.toLowerCase()) || kept.has(r.targetUuid.toLowerCase())),
  }));
}

/**
 * On receipt of a pulled event (MISP's rules, DESIGN §6 "pulled by a peer"): COMMUNITY_ONLY arrives as
 * ORGANISATION_ONLY and CONNECTED_COMMUNITIES as COMMUNITY_ONLY, for the event and each attribute;
 * ORGANISATION_ONLY, ALL_COMMUNITIES, SHARING_GROUP and INHERIT_EVENT are unchanged. An internal peer
 * skips the downgrade.
 *
 * What arrives was already filtered by the sender's visibility rules for our sync user; nothing is
 * dropped here. Local and non-exportable tags are removed all the same: they must never spread, and a
 * sender that exposes them to sync users must not make them ours.
 */
export function downgradeOnPull<E extends SyncEvent>(event: E, opts: { internal: boolean }): E {
  const down = (d: Distribution): Distribution => {
    if (opts.internal) return d;
    if (d === Distribution.COMMUNITY_ONLY) return Distribution.ORGANISATION_ONLY;
    if (d === Distribution.CONNECTED_COMMUNITIES) return Distribution.COMMUNITY_ONLY;
    return d;
  };
  const attributes = (event.attributes as readonly SyncAttribute[]).map((a) => ({
    ...a,
    distribution: down(a.distribution),
    tags: exportableTags(a.tags),
  }));
  return {
    ...event,
    distribution: down(event.distribution),
    tags: exportableTags(event.tags),
    attributes: attributes as unknown as E['attributes'],
    objects: event.objects ? event.objects.map((o) => ({ ...o, distribution: down(o.distribution) })) : event.objects,
    reports: event.reports ? event.reports.map((r) => ({ ...r, distribution: down(r.distribution) })) : event.reports,
  };
}

