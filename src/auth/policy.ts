import { Distribution, Role } from '../shared/enums';
import { Actor, isSiteAdmin } from './actor';
import { roleCan } from './capabilities';

/**
 * The access rules of DESIGN §4, as pure functions. Every read path uses them: in memory (the `can*`
 * predicates, e.g. for subscription deliveries and single loads) and in SQL (the `*VisibilityFilter`
 * builders, which translate the same rules into MikroORM filter objects for lists and counts).
 * test/unit/policy-agree.test.ts checks the two agree, row by row, in a real database.
 */

/** What the rules need to know about the one looking. */
export interface Viewer {
  readonly orgId: number | null;
  readonly siteAdmin: boolean;
  readonly syncUser: boolean;
  readonly sharingGroupIds: ReadonlySet<number>;
  /** Setting UNPUBLISHED_PRIVATE: unpublished events visible to the owner org only. */
  readonly unpublishedPrivate: boolean;
}

export const viewerOf = (actor: Actor, unpublishedPrivate: boolean): Viewer =>
  actor.kind === 'system'
    ? { orgId: actor.orgId, siteAdmin: true, syncUser: false, sharingGroupIds: new Set(), unpublishedPrivate }
    : {
        orgId: actor.orgId,
        siteAdmin: isSiteAdmin(actor),
        syncUser: actor.role === Role.SYNC_USER,
        sharingGroupIds: actor.sharingGroupIds,
        unpublishedPrivate,
      };

/**
 * The access class of a caller: a key equal for two callers exactly when every rule of this file and
 * every capability check treats them alike (same org, site-admin and sync flags, sharing-group
 * memberships, setting; same role). Anything computed for one caller — a visibility decision, a whole
 * GraphQL result — may be reused for another caller of the same class. Built from every field of Viewer
 * (the mapped type below fails to compile when Viewer gains a field that is not listed), so the key can
 * never be coarser than what the rules read.
 */
export function accessClassOf(actor: Actor, v: Viewer): string {
  const facts: { readonly [K in keyof Required<Viewer>]: unknown } = {
    orgId: v.orgId,
    siteAdmin: v.siteAdmin,
    syncUser: v.syncUser,
    sharingGroupIds: [...v.sharingGroupIds].sort((a, b) => a - b),
    unpublishedPrivate: v.unpublishedPrivate,
  };
  return JSON.stringify([actor.kind === 'user' ? actor.role : actor.kind, facts]);
}

/** The visibility-relevant facts of an event (also the change-log snapshot). */
export interface EventAccess {
  readonly ownerOrgId: number;
  readonly distribution: Distribution;
  readonly sharingGroupId: number | null;
  readonly published: boolean;
}

/** The visibility-relevant facts of an attribute (objects and event reports use the same rule). */
export interface AttributeAccess {
  readonly distribution: Distribution;
  readonly sharingGroupId: number | null;
  readonly deleted: boolean;
  /** The MISP object it belongs to: an invisible object hides its attributes (DESIGN §4). */
  readonly object?: { readonly distribution: Distribution; readonly sharingGroupId: number | null } | null;
}

const COMMUNITY_LEVELS: readonly Distribution[] = [
  Distribution.COMMUNITY_ONLY,
  Distribution.CONNECTED_COMMUNITIES,
  Distribution.ALL_COMMUNITIES,
];
const ATTRIBUTE_OPEN_LEVELS: readonly Distribution[] = [...COMMUNITY_LEVELS, Distribution.INHERIT_EVENT];

export const isSharingGroupMember = (v: Viewer, sharingGroupId: number | null): boolean =>
  v.siteAdmin || (sharingGroupId !== null && v.sharingGroupIds.has(sharingGroupId));

/**
 * Sharing-group membership of an organisation on this hub: listed as a member org, or the group lists
 * this hub with allOrgs. (Computed in SQL at authentication into Viewer.sharingGroupIds; this is the
 * same rule over plain data, for tests and for checks of a single group.)
 */
export const orgIsSharingGroupMember = (
  orgId: number,
  group: { memberOrgIds: readonly number[]; thisHubAllOrgs: boolean },
): boolean => group.thisHubAllOrgs || group.memberOrgIds.includes(orgId);

export const ownsEvent = (v: Viewer, e: Pick<EventAccess, 'ownerOrgId'>): boolean =>
  v.orgId !== null && v.orgId === e.ownerOrgId;

export function canSeeEvent(v: Viewer, e: EventAccess): boolean {
  if (v.siteAdmin || ownsEvent(v, e)) return true;
  if (v.unpublishedPrivate && !e.published) return false;
  if (COMMUNITY_LEVELS.includes(e.distribution)) return true;
  return e.distribution === Distribution.SHARING_GROUP && isSharingGroupMember(v, e.sharingGroupId);
}

/** May the viewer see soft-deleted attributes of this event (when asking for them)? */
export const canSeeDeletedIn = (v: Viewer, e: EventAccess): boolean =>
  v.siteAdmin || v.syncUser || ownsEvent(v, e);

export function canSeeAttribute(
  v: Viewer,
  e: EventAccess,
  a: AttributeAccess,
  opts: { includeDeleted?: boolean } = {},
): boolean {
  if (!canSeeEvent(v, e)) return false;
  if (a.deleted && !(opts.includeDeleted && canSeeDeletedIn(v, e))) return false;
  if (v.siteAdmin || ownsEvent(v, e)) return true;
  if (a.object && !levelOpenTo(v, a.object)) return false;
  return levelOpenTo(v, a);
}

/** The distribution rule of what lives inside an event (attributes, objects, reports), for a non-owner. */
const levelOpenTo = (v: Viewer, x: { readonly distribution: Distribution; readonly sharingGroupId: number | null }): boolean =>
  ATTRIBUTE_OPEN_LEVELS.includes(x.distribution) || (x.distribution === Distribution.SHARING_GROUP && isSharingGroupMember(v, x.sharingGroupId));

/**
 * Objects and event reports: the attributes' rule (DESIGN §4: "objects follow the same rule"), with
 * tombstones visible where the viewer may see deleted attributes.
 */
export const canSeeObject = (v: Viewer, e: EventAccess, o: Omit<AttributeAccess, 'object'>, opts: { includeDeleted?: boolean } = {}): boolean =>
  canSeeAttribute(v, e, { ...o, object: null }, opts);

/**
 * Sightings (MISP's default sighting policy, "event owner and sighting reporter"): of an attribute the
 * viewer may see, site admins and the event owner's organisation see every sighting; any other
 * organisation sees only the sightings it reported itself. Anonymous sightings (no org) only the owner.
 * Callers check the attribute's visibility first (an invisible attribute has no visible sightings).
 */
export const canSeeSighting = (
  v: Viewer,
  e: Pick<EventAccess, 'ownerOrgId'>,
  s: { readonly orgId: number | null },
): boolean => v.siteAdmin || ownsEvent(v, e) || (v.orgId !== null && s.orgId === v.orgId);

/** Sharing groups: site admins see all; others the groups their org is a member of. */
export const canSeeSharingGroup = (v: Viewer, sharingGroupId: number): boolean =>
  isSharingGroupMember(v, sharingGroupId);

export type EditDecision = 'ALLOWED' | 'FORBIDDEN';

/**
 * Editing an event (and its attributes): site admin, or the creator org with a role that may write.
 * Locked copies (received from a peer) are edited only by sync. Callers first check visibility: an
 * invisible event answers NOT_FOUND, never FORBIDDEN.
 */
export function canEditEvent(actor: Actor, e: { creatorOrgId: number; locked: boolean }): EditDecision {
  if (isSiteAdmin(actor)) return 'ALLOWED';
  if (actor.kind !== 'user') return 'FORBIDDEN';
  if (e.locked && !roleCan(actor.role, 'sync')) return 'FORBIDDEN';
  if (actor.orgId === e.creatorOrgId && roleCan(actor.role, 'event:write')) return 'ALLOWED';
  return 'FORBIDDEN';
}

export function canPublishEvent(actor: Actor, e: { creatorOrgId: number; locked: boolean }): EditDecision {
  if (isSiteAdmin(actor)) return 'ALLOWED';
  if (actor.kind !== 'user' || !roleCan(actor.role, 'event:publish')) return 'FORBIDDEN';
  return canEditEvent(actor, e);
}

/** A sharing group may be chosen for data by its members (and site admins), if it is active. */
export const canUseSharingGroup = (v: Viewer, sharingGroupId: number, active: boolean): boolean =>
  active && isSharingGroupMember(v, sharingGroupId);

/**
 * What a change to a sharing group does: EXTEND adds a member organisation without the extend flag (what
 * MISP's `extend` lets a member org do); EDIT is everything else (fields, removing members, granting
 * extend, listing or removing hubs).
 */
export type SharingGroupChange = 'EDIT' | 'EXTEND';

/**
 * Changing a sharing group (DESIGN §4 Roles): site admin; otherwise the caller's role needs the
 * sharing-group capability (a READ_ONLY or USER of the owner org changes nothing), and the caller's org
 * must own the group, or, to EXTEND only, be a member whose membership has `extend`. Callers check
 * visibility first (an invisible group answers NOT_FOUND).
 */
export function canChangeSharingGroup(
  actor: Actor,
  g: { ownerOrgId: number },
  membership: { extend: boolean } | null,
  change: SharingGroupChange,
): EditDecision {
  if (isSiteAdmin(actor)) return 'ALLOWED';
  if (actor.kind !== 'user' || !roleCan(actor.role, 'sharing-group:write')) return 'FORBIDDEN';
  if (actor.orgId === g.ownerOrgId) return 'ALLOWED';
  if (change === 'EXTEND' && membership?.extend) return 'ALLOWED';
  return 'FORBIDDEN';
}

/** A tag link as the tag rules see it: global (travels) or local to the org that added it. */
export interface TagLinkFacts {
  readonly local: boolean;
  /** The organisation that added a local link (null on global links). */
  readonly orgId: number | null;
}

/**
 * What tagging an event or attribute does, given the link already there (null: none):
 * CREATE a link; NONE (already so); MAKE_GLOBAL (the caller's own local link becomes global);
 * FORBIDDEN; CONFLICT (the tag is there as another org's local link, or asked local while it is global:
 * a local tagging never converts a link that is not the caller's own local one).
 * `edit` is canEditEvent for the event (of the attribute): global tags are a change of the data.
 * Local tags need only visibility (checked by the caller) and the tagging capability (resolver gate).
 */
export type TagDecision = 'CREATE' | 'NONE' | 'MAKE_GLOBAL' | 'FORBIDDEN' | 'CONFLICT';

export function tagDecision(actor: Actor, edit: EditDecision, existing: TagLinkFacts | null, wantLocal: boolean): TagDecision {
  if (!wantLocal) {
    if (edit !== 'ALLOWED') return 'FORBIDDEN';
    if (!existing) return 'CREATE';
    if (!existing.local) return 'NONE';
    return ownsTagLink(actor, existing) ? 'MAKE_GLOBAL' : 'CONFLICT';
  }
  if (actor.orgId === null) return 'FORBIDDEN'; // a local tag belongs to an organisation
  if (!existing) return 'CREATE';
  if (existing.local && existing.orgId === actor.orgId) return 'NONE';
  return 'CONFLICT';
}

/** A local link is its org's (site admins manage every link). */
const ownsTagLink = (actor: Actor, link: TagLinkFacts): boolean =>
  isSiteAdmin(actor) || (actor.orgId !== null && link.orgId === actor.orgId);

/**
 * Removing a tag link: a global one needs edit rights on the data (`edit`, canEditEvent); a local one
 * needs being its organisation (or a site admin).
 */
export function canRemoveTagLink(actor: Actor, edit: EditDecision, link: TagLinkFacts): EditDecision {
  if (!link.local) return edit;
  return ownsTagLink(actor, link) ? 'ALLOWED' : 'FORBIDDEN';
}

// ---- proposals (MISP ShadowAttributes) -----------------------------------------------------------
//
// MISP's ShadowAttributesController: anyone who can see the event (add) or the attribute (edit, delete)
// and holds perm_add may propose, whatever their organisation and whether the event is a local event or
// a received (locked) copy — proposals on a copy are how another hub's users suggest changes to the
// creator. Accepting changes the event, so it is edit rights (canEditEvent: the creator org with a
// writing role; a locked copy only by sync users and site admins). Discarding is the event's editors' or
// the proposing organisation's own (MISP: "the org that created the event and the one that created the
// proposal", with perm_modify). Callers check visibility first: invisible answers NOT_FOUND.

/** Proposing (a new attribute, a change, a deletion) on something the caller can see. */
export function canPropose(actor: Actor): EditDecision {
  if (actor.orgId === null) return 'FORBIDDEN'; // a proposal belongs to an organisation
  if (isSiteAdmin(actor)) return 'ALLOWED';
  return actor.kind === 'user' && roleCan(actor.role, 'event:write') ? 'ALLOWED' : 'FORBIDDEN';
}

/** Accepting a proposal: it changes the event, so exactly the event's edit rights (`edit`, canEditEvent). */
export const canAcceptProposal = (edit: EditDecision): EditDecision => edit;

/** Discarding a proposal: the event's editors (`edit`), or a writer of the organisation that proposed it. */
export function canDiscardProposal(actor: Actor, edit: EditDecision, p: { readonly orgId: number }): EditDecision {
  if (edit === 'ALLOWED') return 'ALLOWED';
  if (actor.kind !== 'user' || actor.orgId !== p.orgId) return 'FORBIDDEN';
  return roleCan(actor.role, 'event:write') ? 'ALLOWED' : 'FORBIDDEN';
}

// ---- the same rules as SQL filters (MikroORM FilterQuery objects) ---------------------------------

type Filter = Record<string, unknown>;

/** Events the viewer may see. Property names are the Event entity's. */
export function eventVisibilityFilter(v: Viewer): Filter {
  if (v.siteAdmin) return {};
  const sgIds = [...v.sharingGroupIds];
  const shared: Filter[] = [{ distribution: { $in: [...COMMUNITY_LEVELS] } }];
  if (sgIds.length) shared.push({ distribution: Distribution.SHARING_GROUP, sharingGroup: { $in: sgIds } });
  const others: Filter = v.unpublishedPrivate ? { published: true, $or: shared } : { $or: shared };
  return v.orgId === null ? others : { $or: [{ ownerOrg: v.orgId }, others] };
}

/**
 * Attributes the viewer may see (including the visibility of their event). Property names are the
 * Attribute entity's; `includeDeleted` returns tombstones where the viewer may see them.
 */
export function attributeVisibilityFilter(v: Viewer, opts: { includeDeleted?: boolean; object?: boolean } = {}): Filter {
  const parts: Filter[] = [];
  const ev = eventVisibilityFilter(v);
  if (Object.keys(ev).length) parts.push({ event: ev });
  if (!opts.includeDeleted) parts.push({ deleted: false });
  else if (!v.siteAdmin && !v.syncUser)
    parts.push(v.orgId === null ? { deleted: false } : { $or: [{ deleted: false }, { event: { ownerOrg: v.orgId } }] });
  if (!v.siteAdmin) {
    const owner: Filter[] = v.orgId !== null ? [{ event: { ownerOrg: v.orgId } }] : [];
    parts.push({ $or: [...owner, ...openLevels(v)] });
    // An invisible object hides its attributes (a plain attribute has no object).
    if (opts.object !== false) parts.push({ $or: [...owner, ...outsideHiddenObjects(v)] });
  }
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { $and: parts };
}

/**
 * The attributes of events whose visibility facts the caller holds (events it has just read), as
 * attributeVisibilityFilter with each event's part decided by those facts instead of a join to events:
 * an event the viewer may not see gives nothing; of the viewer's own events (or any, for a site admin)
 * every live attribute; of another's, those at an open level outside an invisible object. Property
 * names are the Attribute entity's.
 */
export function attributesOfEventsFilter(
  v: Viewer,
  events: ReadonlyArray<{ readonly id: number; readonly access: EventAccess }>,
  opts: { includeDeleted?: boolean } = {},
): Filter {
  const whole: number[] = [];
  const open: number[] = [];
  for (const e of events) if (canSeeEvent(v, e.access)) (v.siteAdmin || ownsEvent(v, e.access) ? whole : open).push(e.id);
  // canSeeDeletedIn: tombstones (when asked for) in the owner's events, and in any for a site admin or sync user.
  const live = (tombstonesVisible: boolean): Filter[] => (opts.includeDeleted && tombstonesVisible ? [] : [{ deleted: false }]);
  const parts: Filter[] = [];
  if (whole.length) parts.push({ $and: [{ event: { $in: whole } }, ...live(true)] });
  if (open.length) {
    parts.push({
      $and: [
        { event: { $in: open } },
        ...live(v.syncUser),
        { $or: openLevels(v) },
        { $or: outsideHiddenObjects(v) },
      ],
    });
  }
  return parts.length === 0 ? { id: { $in: [] } } : parts.length === 1 ? parts[0] : { $or: parts };
}

/** For a non-owner: not in a MISP object, or in one at a level open to the viewer (an invisible object hides its attributes). */
const outsideHiddenObjects = (v: Viewer): Filter[] => [{ object: null }, ...openLevels(v).map((c) => ({ object: c }))];

/** The distribution conditions under which a non-owner sees what lives inside a visible event. */
function openLevels(v: Viewer): Filter[] {
  const sgIds = [...v.sharingGroupIds];
  const open: Filter[] = [{ distribution: { $in: [...ATTRIBUTE_OPEN_LEVELS] } }];
  if (sgIds.length) open.push({ distribution: Distribution.SHARING_GROUP, sharingGroup: { $in: sgIds } });
  return open;
}

/**
 * Objects and event reports the viewer may see (canSeeObject): the attributes' rule without the object
 * part. Property names are the MispObject / EventReport entities' (event, deleted, distribution, sharingGroup).
 */
export const objectVisibilityFilter = (v: Viewer, opts: { includeDeleted?: boolean } = {}): Filter =>
  attributeVisibilityFilter(v, { ...opts, object: false });

/**
 * Proposals (MISP ShadowAttributes) the viewer may see: of a visible event; a proposal about an existing
 * attribute is checked against that attribute by the reader (it is named by uuid, not joined).
 */
export const proposalVisibilityFilter = (v: Viewer): Filter => {
  const ev = eventVisibilityFilter(v);
  return Object.keys(ev).length ? { event: ev } : {};
};

/** Sharing groups the viewer may see. */
export function sharingGroupVisibilityFilter(v: Viewer): Filter {
  if (v.siteAdmin) return {};
  return { id: { $in: [...v.sharingGroupIds] } };
}

/**
 * Sightings the viewer may see (canSeeSighting over visible attributes, tombstones included where the
 * viewer may see those). Property names are the Sighting entity's.
 */
export function sightingVisibilityFilter(v: Viewer): Filter {
  if (v.siteAdmin) return {};
  const own: Filter[] = [];
  if (v.orgId !== null) own.push({ attribute: { event: { ownerOrg: v.orgId } } }, { org: v.orgId });
  return { $and: [{ attribute: attributeVisibilityFilter(v, { includeDeleted: true }) }, own.length ? { $or: own } : { id: { $in: [] } }] };
}

/** Roles only a site admin grants or revokes, and whose users only a site admin manages (DESIGN §4 Roles). */
export const SITE_ADMIN_ROLES: readonly Role[] = [Role.ADMIN, Role.SYNC_USER];

/**
 * Managing a user (create, role, disable, keys): site admin; or an org admin of the user's organisation
 * when the user is not an ADMIN or SYNC_USER and `newRole` (a role being given: on creation, or a role
 * change) is not one of those either: org admins manage roles up to ORG_ADMIN, in their own org only.
 * `self` also allows a user to manage their own keys (never their own role).
 */
export function canManageUser(
  actor: Actor,
  target: { userId: number; orgId: number; role: Role },
  opts: { self?: boolean; newRole?: Role | null } = {},
): EditDecision {
  if (isSiteAdmin(actor)) return 'ALLOWED';
  if (actor.kind !== 'user') return 'FORBIDDEN';
  if (opts.self && opts.newRole == null && actor.userId === target.userId) return 'ALLOWED';
  if (!roleCan(actor.role, 'org:admin') || actor.orgId !== target.orgId) return 'FORBIDDEN';
  if (SITE_ADMIN_ROLES.includes(target.role)) return 'FORBIDDEN';
  if (opts.newRole != null && SITE_ADMIN_ROLES.includes(opts.newRole)) return 'FORBIDDEN';
  return 'ALLOWED';
}

/** TAXII collections (saved filters served to every reader, who still sees only what they may): site admins. */
export const canManageTaxiiCollections = (actor: Actor): boolean => isSiteAdmin(actor);

/** Which users a user may see: site admin all, org admin their organisation, everyone else themselves. */
export function canSeeUser(actor: Actor, target: { userId: number; orgId: number }): boolean {
  if (isSiteAdmin(actor)) return true;
  if (actor.kind !== 'user') return false;
  return actor.userId === target.userId || (roleCan(actor.role, 'org:admin') && actor.orgId === target.orgId);
}

// ---- sync writes (DESIGN §4 "Who may write through sync") -----------------------------------------
//
// A peer writes here as the organisation X of its sync user (push) or of its Peer registration (pull).
// It is trusted with what it sent us and nothing else: it creates events, changes and deletes only the
// copies it gave us, never moves a copy to another owner, changes only the sharing groups it owns here,
// and puts data only into groups it is a member of. What these rules refuse is counted with a reason
// in the sync result (never applied, never silent).

/** Why a sync write (or part of one) was refused. */
export enum SyncSkipReason {
  /** The event was created on this hub: a peer never overwrites or deletes it. */
  LOCAL_EVENT = 'LOCAL_EVENT',
  /** The copy here was received from another organisation: only that one may change or delete it. */
  NOT_SENDERS_COPY = 'NOT_SENDERS_COPY',
  /** The event's sharing group does not (or would not) list the sender's organisation as a member. */
  SHARING_GROUP_NOT_MEMBER = 'SHARING_GROUP_NOT_MEMBER',
  /** A newer version of a sharing group the sender does not own here: the local group is kept. */
  SHARING_GROUP_NOT_OWNER = 'SHARING_GROUP_NOT_OWNER',
  /** A sharing group update without (or with another) owner organisation: the owner is kept. */
  SHARING_GROUP_OWNER_KEPT = 'SHARING_GROUP_OWNER_KEPT',
  /** A sharing group listing this hub with allOrgs where it does not already: stored without allOrgs. */
  SHARING_GROUP_ALL_ORGS_REFUSED = 'SHARING_GROUP_ALL_ORGS_REFUSED',
  /** An attribute uuid that belongs to another event here: never moved or overwritten. */
  ATTRIBUTE_UUID_TAKEN = 'ATTRIBUTE_UUID_TAKEN',
  /** An attribute in a sharing group the sender's organisation is not a member of. */
  ATTRIBUTE_SHARING_GROUP_NOT_MEMBER = 'ATTRIBUTE_SHARING_GROUP_NOT_MEMBER',
  /** An attribute with an unknown type or an invalid value. */
  ATTRIBUTE_INVALID = 'ATTRIBUTE_INVALID',
  /** A second live attribute of the event, outside objects, with the same type, category and value (MISP's rule). */
  ATTRIBUTE_DUPLICATE = 'ATTRIBUTE_DUPLICATE',
  // ---- the parts of a MISP event (objects, attachments, sightings, reports, proposals, galaxy clusters):
  // each follows the event's decision; these are the refusals of one part (the rest of the event is applied).
  /** A MISP object uuid belonging to another event here; never moved (its attributes are left out with it). */
  OBJECT_UUID_TAKEN = 'OBJECT_UUID_TAKEN',
  /** A MISP object in a sharing group the sender's organisation is not a member of; left out with its attributes. */
  OBJECT_SHARING_GROUP_NOT_MEMBER = 'OBJECT_SHARING_GROUP_NOT_MEMBER',
  /** A MISP object (or one of its references) with a field that cannot be stored; left out with its attributes. */
  OBJECT_INVALID = 'OBJECT_INVALID',
  /** An attribute naming an object that is neither in the payload nor stored in the event; left out. */
  ATTRIBUTE_OBJECT_UNKNOWN = 'ATTRIBUTE_OBJECT_UNKNOWN',
  /** An attribute of an object that was refused; left out with it. */
  ATTRIBUTE_OBJECT_REFUSED = 'ATTRIBUTE_OBJECT_REFUSED',
  /** An attachment / malware-sample file that is not valid base64 or exceeds ATTACHMENT_MAX_BYTES; the attribute is kept without it. */
  ATTACHMENT_INVALID = 'ATTACHMENT_INVALID',
  /** A sighting uuid belonging to another attribute here; left out. */
  SIGHTING_UUID_TAKEN = 'SIGHTING_UUID_TAKEN',
  /** A sighting without an organisation or with an unknown type; left out. */
  SIGHTING_INVALID = 'SIGHTING_INVALID',
  /** An event report uuid belonging to another event here; never moved. */
  REPORT_UUID_TAKEN = 'REPORT_UUID_TAKEN',
  /** An event report in a sharing group the sender's organisation is not a member of; left out. */
  REPORT_SHARING_GROUP_NOT_MEMBER = 'REPORT_SHARING_GROUP_NOT_MEMBER',
  /** An event report with a field that cannot be stored; left out. */
  REPORT_INVALID = 'REPORT_INVALID',
  /** A proposal uuid belonging to another event here; never moved. */
  PROPOSAL_UUID_TAKEN = 'PROPOSAL_UUID_TAKEN',
  /** A proposal with an unknown type or an invalid value; left out. */
  PROPOSAL_INVALID = 'PROPOSAL_INVALID',
  /** A galaxy cluster whose tag is on neither the event nor any of its attributes; not stored. */
  CLUSTER_TAG_MISSING = 'CLUSTER_TAG_MISSING',
  /** A galaxy cluster with a field that cannot be stored; not stored. */
  CLUSTER_INVALID = 'CLUSTER_INVALID',
  // ---- what a MISP server sent over its own sync API (MISP-kind peers):
  /** An event that is not a MISP event this hub can take (no uuid or creator organisation, another uuid than asked for, unparsable). */
  MISP_EVENT_INVALID = 'MISP_EVENT_INVALID',
  /** An event whose answer exceeded PEER_MAX_RESPONSE_BYTES; not fetched further. */
  MISP_EVENT_TOO_LARGE = 'MISP_EVENT_TOO_LARGE',
  /** Data shared with a sharing group whose members the server did not send; left out (fail closed). */
  MISP_SHARING_GROUP_UNDESCRIBED = 'MISP_SHARING_GROUP_UNDESCRIBED',
}

/** The writer: the peer's organisation on this hub. */
export interface SyncWriter {
  readonly orgId: number;
}

/** An event as stored here, as far as the sync write rules care. */
export interface SyncStoredEvent {
  readonly ownerOrgId: number;
  /** A copy received through sync or a feed (false: created on this hub). */
  readonly locked: boolean;
  /** Last change, epoch ms. */
  readonly timestamp: number;
}

export type SyncEventDecision =
  | { readonly kind: 'CREATE' | 'UPDATE' | 'DELETE' }
  /** Nothing to do and nothing refused: an equal or older version, or a tombstone of an unknown event. */
  | { readonly kind: 'IGNORE' }
  | { readonly kind: 'REFUSE'; readonly reason: SyncSkipReason };

/**
 * May X write this incoming event (timestamp in epoch ms; `deleted`: a tombstone)? Create when new;
 * update when newer and delete, but only X's own copy. An equal or older version changes nothing, so it
 * is ignored before ownership is looked at (the same event relayed by two peers is not a refusal).
 */
export function syncEventDecision(
  x: SyncWriter,
  existing: SyncStoredEvent | null,
  incoming: { readonly timestamp: number; readonly deleted: boolean },
): SyncEventDecision {
  if (!existing) return incoming.deleted ? { kind: 'IGNORE' } : { kind: 'CREATE' };
  if (!incoming.deleted && !(incoming.timestamp > existing.timestamp)) return { kind: 'IGNORE' };
  if (!existing.locked) return { kind: 'REFUSE', reason: SyncSkipReason.LOCAL_EVENT };
  if (existing.ownerOrgId !== x.orgId) return { kind: 'REFUSE', reason: SyncSkipReason.NOT_SENDERS_COPY };
  return { kind: incoming.deleted ? 'DELETE' : 'UPDATE' };
}

/** Membership of a sharing group here: member organisations, and whether this hub is listed with allOrgs. */
export interface SyncGroupMembers {
  readonly memberOrgIds: readonly number[];
  readonly thisHubAllOrgs: boolean;
}

/** A sharing group: owner, last change (epoch ms) and members (stored here, or as received). */
export interface SyncGroupState extends SyncGroupMembers {
  readonly ownerOrgId: number;
  readonly timestamp: number;
}

export type SyncSharingGroupDecision =
  /** Write the group (new, or X's own and newer) with these owner and members. */
  | { readonly kind: 'CREATE' | 'UPDATE'; readonly ownerOrgId: number; readonly members: SyncGroupMembers; readonly refused: readonly SyncSkipReason[] }
  /** Leave the stored group as it is. */
  | { readonly kind: 'KEEP'; readonly refused: readonly SyncSkipReason[] };

const uniqueIds = (ids: readonly number[]): number[] => [...new Set(ids)];

/**
 * A sharing group received from X: created when new (owner as received, always a member; this hub
 * never with allOrgs, which would make every local organisation a member); changed only when X owns it
 * here and the incoming version is newer, keeping the owner (and as a member) and keeping this hub's
 * allOrgs only where the stored group already has it. Anything else keeps the stored group.
 */
export function syncSharingGroupDecision(x: SyncWriter, existing: SyncGroupState | null, incoming: SyncGroupState): SyncSharingGroupDecision {
  const refused: SyncSkipReason[] = [];
  if (!existing) {
    if (incoming.thisHubAllOrgs) refused.push(SyncSkipReason.SHARING_GROUP_ALL_ORGS_REFUSED);
    return {
      kind: 'CREATE',
      ownerOrgId: incoming.ownerOrgId,
      members: { memberOrgIds: uniqueIds([incoming.ownerOrgId, ...incoming.memberOrgIds]), thisHubAllOrgs: false },
      refused,
    };
  }
  if (!(incoming.timestamp > existing.timestamp)) return { kind: 'KEEP', refused };
  if (existing.ownerOrgId !== x.orgId) return { kind: 'KEEP', refused: [SyncSkipReason.SHARING_GROUP_NOT_OWNER] };
  if (incoming.ownerOrgId !== existing.ownerOrgId || !incoming.memberOrgIds.includes(existing.ownerOrgId)) {
    refused.push(SyncSkipReason.SHARING_GROUP_OWNER_KEPT);
  }
  if (incoming.thisHubAllOrgs && !existing.thisHubAllOrgs) refused.push(SyncSkipReason.SHARING_GROUP_ALL_ORGS_REFUSED);
  return {
    kind: 'UPDATE',
    ownerOrgId: existing.ownerOrgId,
    members: {
      memberOrgIds: uniqueIds([existing.ownerOrgId, ...incoming.memberOrgIds]),
      thisHubAllOrgs: incoming.thisHubAllOrgs && existing.thisHubAllOrgs,
    },
    refused,
  };
}

/**
 * May X put data (an event or an attribute) into this sharing group, with its membership as it stands
 * here after `syncSharingGroupDecision`? Only as a member, the same membership rule as for reading.
 */
export const syncMayUseSharingGroup = (x: SyncWriter, group: SyncGroupMembers): boolean =>
  orgIsSharingGroupMember(x.orgId, group);

// ---- MISP JSON imports (importEvents, `threatmesh import`) -------------------------------------------

/**
 * Importing MISP events: whoever may create events (the copies belong to the caller's organisation; the
 * creator organisation is kept from the file, as a feed does). The system (the CLI, acting for a chosen
 * organisation) may. Which event uuids may be written is then syncEventDecision's, as for a feed.
 */
export function canImportEvents(actor: Actor): EditDecision {
  if (actor.kind === 'system') return actor.orgId === null ? 'FORBIDDEN' : 'ALLOWED';
  if (actor.orgId === null) return 'FORBIDDEN';
  return isSiteAdmin(actor) || roleCan(actor.role, 'event:write') ? 'ALLOWED' : 'FORBIDDEN';
}
// ---- sighting deltas through sync (issue 12) -------------------------------------------------------

/**
 * May a peer hand us a sighting of this attribute (pushSightings, or a sighting we pulled from it)?
 * `sender` is the peer's sync user here (or, for a pull, the peer's organisation as a sync viewer): only
 * sync users and site admins, and only of an attribute the sender may see here — a sighting of something
 * it cannot see is refused like an absent attribute (it learns nothing either way).
 */
export const canPushSighting = (sender: Viewer, e: EventAccess, a: AttributeAccess): boolean =>
  (sender.syncUser || sender.siteAdmin) && canSeeAttribute(sender, e, a);

// ---- MISP servers as peers (issue 13 part 3): a MISP instance pulls from and pushes to this hub ------

/**
 * A key acts as a MISP sync server (pushes copies on behalf of other creator organisations, reads only
 * what sync carries) only when its role is SYNC_USER — the hub's counterpart of a MISP sync user. Any
 * other role, site admins included, writes through the ordinary (PyMISP) paths: its events are its own
 * organisation's, never locked copies, whatever `Orgc` the payload names. getVersion's `perm_sync`
 * answers this rule, so a MISP configured with another key refuses to push ("not a sync user").
 */
export const isMispSyncPeer = (actor: Actor): boolean => actor.kind === 'user' && actor.role === Role.SYNC_USER;

/**
 * A pushed MISP event naming an owner organisation (`Event.Org.uuid`; MISP's pusher strips it, so only
 * a crafted payload sends one) must name the key's organisation: the copy is owned by the pusher's
 * organisation, never by one the payload claims. No claim is fine (the key decides).
 */
export function mispPushOwnerClaim(keyOrgUuid: string, claimedOwnerUuid: string | null | undefined): 'OK' | 'LIE' {
  if (claimedOwnerUuid === null || claimedOwnerUuid === undefined || claimedOwnerUuid === '') return 'OK';
  return claimedOwnerUuid.toLowerCase() === keyOrgUuid.toLowerCase() ? 'OK' : 'LIE';
}

/**
 * events/filterEventIdsForPush: does this hub want X's version (timestamp, epoch ms) of an event? Exactly
 * when syncEventDecision would write it (new, or newer than X's own copy): MISP's answer (not newer, or
 * a local event: not wanted) with the hub's stricter ownership rule (another organisation's copy: not
 * wanted), so a pusher never sends what would be refused.
 */
export function mispWantsPushedEvent(x: SyncWriter, existing: SyncStoredEvent | null, incomingTimestamp: number): boolean {
  const d = syncEventDecision(x, existing, { timestamp: incomingTimestamp, deleted: false });
  return d.kind === 'CREATE' || d.kind === 'UPDATE';
}
