import { ChangeKind, ChangeOp, Distribution } from '../shared/enums';
import type { Attribute } from '../modules/attribute/attribute.entity';
import type { Change } from '../modules/change/change.entity';
import type { Event } from '../modules/event/event.entity';
import { wrap } from '@mikro-orm/core';
import { AttributeAccess, canSeeAttribute, canSeeEvent, canSeeObject, canSeeSighting, EventAccess, Viewer } from './policy';

/**
 * The access decision for change-log items (DESIGN §5): the facts of events and attributes the rules of
 * policy.ts read, and whether a viewer may learn of one change. Pure: no database access.
 */

/**
 * One change-log row as delivered to subscribers, with the current state of its object loaded once per
 * replica (not once per subscriber) for the kinds that carry an object payload.
 */
export interface FeedItem {
  readonly change: Change;
  /** Current attribute (ATTRIBUTE changes), with its event populated; null when gone. */
  readonly attribute: Attribute | null;
  /** Current event (EVENT changes, and the event of ATTRIBUTE changes); null when gone. */
  readonly event: Event | null;
  /** Lower-cased tag names of the attribute and of its event (for tag filters). */
  readonly tagKeys: ReadonlySet<string>;
  /** SIGHTING changes: the reporting organisation and the sighted attribute (event populated); null when gone. */
  readonly sighting?: { readonly orgId: number; readonly attribute: Attribute } | null;
}

const eventAccessOfChange = (c: Change): EventAccess => ({
  ownerOrgId: c.ownerOrgId ?? -1,
  distribution: c.eventDistribution ?? Distribution.ORGANISATION_ONLY,
  sharingGroupId: c.eventSharingGroupId ?? null,
  published: !!c.published,
});

/** The visibility facts of an event (what every read path checks). */
export const eventAccessOf = (e: Event): EventAccess => ({
  ownerOrgId: e.ownerOrg.id,
  distribution: e.distribution,
  sharingGroupId: e.sharingGroup?.id ?? null,
  published: e.published,
});

/** The attribute facts of an ATTRIBUTE, SIGHTING or PROPOSAL change row (a deletion is news to whoever could see it). */
const attributeAccessOfChange = (c: Change): AttributeAccess => ({
  distribution: c.distribution ?? Distribution.INHERIT_EVENT,
  sharingGroupId: c.sharingGroupId ?? null,
  deleted: false,
  object: c.objectDistribution == null ? null : { distribution: c.objectDistribution, sharingGroupId: c.objectSharingGroupId ?? null },
});

/** An object's facts as the attribute rules read them. */
type ObjectFacts = { distribution: Distribution; sharingGroup?: { id: number } | null };

/**
 * The facts of a loaded attribute. Its object, when it has one, must be loaded too, or be found by id
 * through `objectOf` (the objects the caller read, e.g. an attribute read as a plain row): an object not
 * known either way is taken as not visible, which hides the attribute.
 */
export const attributeAccessOf = (a: Attribute, objectOf?: (id: number) => ObjectFacts | undefined): AttributeAccess => {
  const o = !a.object ? null : objectOf ? objectOf(a.object.id) : wrap(a.object).isInitialized() ? a.object : undefined;
  return {
    distribution: a.distribution,
    sharingGroupId: a.sharingGroup?.id ?? null,
    deleted: a.deleted,
    object: o === null ? null : o ? { distribution: o.distribution, sharingGroupId: o.sharingGroup?.id ?? null } : { distribution: Distribution.ORGANISATION_ONLY, sharingGroupId: null },
  };
};

/**
 * May this viewer learn of this change? Decided by the viewer's current rights against the visibility
 * snapshot of the row (DESIGN §5), and, when the object still exists, against its current state too
 * (data made more private since is not delivered). Pure: no database access.
 */
export function canSeeChange(v: Viewer, item: FeedItem): boolean {
  const c = item.change;
  if (c.kind === ChangeKind.EVENT) {
    if (!canSeeEvent(v, eventAccessOfChange(c))) return false;
    return !item.event || canSeeEvent(v, eventAccessOf(item.event));
  }
  if (c.kind === ChangeKind.ATTRIBUTE) {
    if (!canSeeAttribute(v, eventAccessOfChange(c), attributeAccessOfChange(c))) return false;
    if (!item.attribute) return true;
    // A deletion is news to whoever may see the attribute apart from its being deleted now (the same
    // answer whether the deleted row was handed over by the writer or loaded again when resuming).
    const now = attributeAccessOf(item.attribute);
    return canSeeAttribute(v, eventAccessOf(item.attribute.event), c.op === ChangeOp.DELETED ? { ...now, deleted: false } : now, { includeDeleted: true });
  }
  if (c.kind === ChangeKind.SIGHTING) {
    // The sighted attribute must be visible (as snapshotted and as it is now), and the sighting itself
    // per the sighting policy: the event owner's organisation sees all, others their own reports.
    if (!canSeeAttribute(v, eventAccessOfChange(c), attributeAccessOfChange(c))) return false;
    const s = item.sighting;
    if (!s) return canSeeSighting(v, { ownerOrgId: c.ownerOrgId ?? -1 }, { orgId: null });
    const current = eventAccessOf(s.attribute.event);
    return canSeeSighting(v, current, { orgId: s.orgId }) && canSeeAttribute(v, current, attributeAccessOf(s.attribute));
  }
  if (c.kind === ChangeKind.OBJECT || c.kind === ChangeKind.EVENT_REPORT) {
    if (!canSeeObject(v, eventAccessOfChange(c), attributeAccessOfChange(c))) return false;
    return !item.event || canSeeEvent(v, eventAccessOf(item.event));
  }
  if (c.kind === ChangeKind.PROPOSAL) {
    // A proposal about an attribute snapshots that attribute's distribution (and its object's): its rows
    // are hidden with the attribute. A proposed new attribute has none (null: the event's rule).
    if (!canSeeAttribute(v, eventAccessOfChange(c), attributeAccessOfChange(c))) return false;
    return !item.event || canSeeEvent(v, eventAccessOf(item.event));
  }
  // Other kinds (sharing groups, organisations, tags) are not streamed to non-admins.
  return v.siteAdmin;
}

