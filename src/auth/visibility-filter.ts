import type { EntityManager } from '@mikro-orm/core';
import {
  attributeVisibilityFilter,
  eventVisibilityFilter,
  objectVisibilityFilter,
  proposalVisibilityFilter,
  sharingGroupVisibilityFilter,
  sightingVisibilityFilter,
  Viewer,
} from './policy';

/**
 * Visibility on by default (DESIGN §4 "Safe by construction"): one MikroORM filter, `visible`, active on
 * every read (em.find/findOne/count/findAndCount, populate, Reference.load) of the tables that hold
 * shared data, its condition built by the same pure rules of policy.ts the services use. The viewer
 * comes from the EntityManager: the scope factory sets the caller's, the composition root sets the
 * system viewer on the hub's own EntityManager (jobs, feeds, sync, change log, authentication). An
 * EntityManager without a viewer FAILS CLOSED: MikroORM throws "No arguments provided for filter
 * 'visible'" on the first read of one of these tables.
 *
 * Not covered by MikroORM filters, and therefore kept to the read module and the allowed paths of
 * test/unit/read-guard.test.ts: QueryBuilder reads (filters apply only through `qb.applyFilters()`) and
 * raw SQL.
 */

export const VISIBLE = 'visible';

export interface VisibleParams {
  readonly viewer: Viewer;
}

/**
 * The hub itself (jobs, feed fetches, sync, the change-log reader, authentication): sees everything,
 * like a site admin (every builder of policy.ts gives no condition for it). Its access decisions
 * are made elsewhere (sync.rules, change-access, the write rules).
 */
export const SYSTEM_VIEWER: Viewer = {
  orgId: null,
  siteAdmin: true,
  syncUser: false,
  sharingGroupIds: new Set(),
  unpublishedPrivate: false,
};

type Cond = Record<string, unknown>;
const under = (relation: string, cond: Cond): Cond => (Object.keys(cond).length ? { [relation]: cond } : {});

/**
 * The condition per entity. Attributes (and what hangs off them) use the widest visibility: tombstones
 * where the viewer may see them (owner org, sync users, site admins); whether a read wants tombstones at
 * all is the query's own business (`deleted: false`), not visibility.
 */
const CONDITIONS: Readonly<Record<string, (v: Viewer) => Cond>> = {
  Event: (v) => eventVisibilityFilter(v),
  Attribute: (v) => attributeVisibilityFilter(v, { includeDeleted: true }),
  SharingGroup: (v) => sharingGroupVisibilityFilter(v),
  Sighting: (v) => sightingVisibilityFilter(v),
  EventTag: (v) => under('event', eventVisibilityFilter(v)),
  AttributeTag: (v) => under('attribute', attributeVisibilityFilter(v, { includeDeleted: true })),
  MispObject: (v) => objectVisibilityFilter(v, { includeDeleted: true }),
  ObjectReference: (v) => under('object', objectVisibilityFilter(v, { includeDeleted: true })),
  EventReport: (v) => objectVisibilityFilter(v, { includeDeleted: true }),
  Proposal: (v) => proposalVisibilityFilter(v),
  AttributePayload: (v) => under('attribute', attributeVisibilityFilter(v, { includeDeleted: true })),
  SharingGroupOrg: (v) => under('sharingGroup', sharingGroupVisibilityFilter(v)),
  SharingGroupServer: (v) => under('sharingGroup', sharingGroupVisibilityFilter(v)),
};

/**
 * The filter definition for the ORM config (`filters: { visible: visibilityFilter }`). Only reads are
 * narrowed: nativeUpdate/nativeDelete (type 'update'/'delete') are decided by the write rules
 * (policy.canEdit*, sync.rules) before they run, and a visibility join inside an UPDATE would only slow
 * it down; they still need a viewer on the EntityManager (no viewer, no query).
 */
export const visibilityFilter = {
  name: VISIBLE,
  entity: Object.keys(CONDITIONS),
  default: true,
  cond: (args: VisibleParams, type: 'read' | 'update' | 'delete', _em: unknown, findOptions: unknown, entityName?: string): Cond => {
    if (!args?.viewer) throw new Error(`No viewer for filter '${VISIBLE}': set one on the EntityManager (scope factory or systemEm)`);
    if (type !== 'read') return {};
    // MikroORM also applies filters to the relations a query joins for its WHERE (QueryBuilder
    // applyJoinedFilters, the one caller without find options): it keeps only the scalar parts of the
    // condition (an `$or` reaching into another relation loses that branch, which hid an owner's own
    // data) and puts them in the ON of an inner join. The entity read itself is already narrowed
    // (every condition here includes its parents' visibility), so joined relations add nothing.
    if (findOptions === undefined) return {};
    const build = entityName ? CONDITIONS[entityName] : undefined;
    return build ? build(args.viewer) : {};
  },
};

/**
 * The `visible` condition of `entityName` for the viewer set on `em`, for QueryBuilder reads (which
 * MikroORM filters do not reach): throws when `em` has no viewer, like the filter itself.
 */
export function visibleCondition(em: EntityManager, entityName: keyof typeof CONDITIONS & string): Cond {
  const params = em.getFilterParams<VisibleParams>(VISIBLE);
  if (!params?.viewer) throw new Error(`No arguments provided for filter '${VISIBLE}' (QueryBuilder read of ${entityName})`);
  return CONDITIONS[entityName](params.viewer);
}

/** Sets whose visibility an EntityManager's reads follow (the scope factory: the caller's). */
export function setViewer<T extends EntityManager>(em: T, viewer: Viewer): T {
  em.setFilterParams(VISIBLE, { viewer } satisfies VisibleParams);
  return em;
}

/**
 * A fork of `em` that reads as the hub itself (SYSTEM_VIEWER). The one explicit, greppable way for
 * system work to read shared tables; callers say why in a comment.
 */
export const systemEm = <T extends EntityManager>(em: T): T => setViewer(em.fork({ clear: true, useContext: false }) as T, SYSTEM_VIEWER);
