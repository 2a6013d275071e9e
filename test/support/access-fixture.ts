import {
  AddAttributesDocument,
  CreateEventDocument,
  CreateSharingGroupDocument,
  Distribution,
  Role,
} from '../../src/generated/graphql';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { ok, OrgWithUser, orgWithUser, TestHub, unique, userIn } from './hub';

/**
 * The access-table fixture shared by the suites that check who sees and who may write what (DESIGN §4):
 * the read matrix (test/integration/access-matrix), the live stream (test/e2e/subscriptions), the write
 * matrix (test/security/write-matrix), sightings. One definition of the organisations, the sharing groups
 * and the distribution levels, so that a change to the rules is written once and every suite follows.
 */

export const EVENT_LEVELS = ['ORGANISATION_ONLY', 'COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'SG1', 'SG_ALL'] as const;
export const ATTRIBUTE_LEVELS = ['ORGANISATION_ONLY', 'COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'SG1', 'INHERIT_EVENT'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];
export type Level = EventLevel | (typeof ATTRIBUTE_LEVELS)[number];

/** DESIGN §4 written as data: which levels an organisation that is not the owner passes. */
export const passes = (level: Level, memberOfSg1: boolean) =>
  ['COMMUNITY_ONLY', 'CONNECTED_COMMUNITIES', 'ALL_COMMUNITIES', 'INHERIT_EVENT', 'SG_ALL'].includes(level) ||
  (level === 'SG1' && memberOfSg1);

/** The event levels, then the "eventLevel/attributeLevel" keys, a viewer passes. */
export const visibleEvents = (sees: (l: Level) => boolean): EventLevel[] => EVENT_LEVELS.filter((el) => sees(el));
export const visibleAttributes = (sees: (l: Level) => boolean): string[] =>
  visibleEvents(sees).flatMap((el) => ATTRIBUTE_LEVELS.filter((al) => sees(al)).map((al) => `${el}/${al}`));

export interface AccessOrgs {
  /** The owner of the data (ORG_ADMIN unless told otherwise: it creates the sharing groups). */
  A: OrgWithUser;
  /** Member of SG1. */
  B: OrgWithUser;
  /** Member of no group of A's. */
  C: OrgWithUser;
  /** A's sharing group listing B. */
  sg1: string;
  /** A's sharing group listing this hub with all its organisations. */
  sgAll: string;
  /** The distribution input of a level (SG1 and SG_ALL name their group). */
  dist(level: Level): { distribution: Distribution; sharingGroupId?: string };
  /** Owner, member, outsider, each with what DESIGN §4 lets it see. */
  viewers: Array<{ who: string; org: OrgWithUser; sees: (l: Level) => boolean }>;
}

/** Three fresh organisations and A's two sharing groups (see AccessOrgs). */
export async function accessOrgs(hub: TestHub, roles: { A?: Role; B?: Role; C?: Role } = {}): Promise<AccessOrgs> {
  const [A, B, C] = await Promise.all([
    orgWithUser(hub, roles.A ?? 'ORG_ADMIN'),
    orgWithUser(hub, roles.B ?? 'USER'),
    orgWithUser(hub, roles.C ?? 'USER'),
  ]);
  const group = async (input: { name: string; organisationIds?: string[]; thisHubAllOrgs?: boolean }) =>
    ok(await A.client.request(CreateSharingGroupDocument, { input })).createSharingGroup.id;
  const [sg1, sgAll] = await Promise.all([group({ name: unique('sg1'), organisationIds: [B.orgId] }), group({ name: unique('sgall'), thisHubAllOrgs: true })]);
  return {
    A,
    B,
    C,
    sg1,
    sgAll,
    dist: (level) =>
      level === 'SG1'
        ? { distribution: 'SHARING_GROUP', sharingGroupId: sg1 }
        : level === 'SG_ALL'
          ? { distribution: 'SHARING_GROUP', sharingGroupId: sgAll }
          : { distribution: level },
    viewers: [
      { who: 'A (owner)', org: A, sees: (_: Level) => true },
      { who: 'B (member of SG1)', org: B, sees: (l: Level) => passes(l, true) },
      { who: 'C (not a member)', org: C, sees: (l: Level) => passes(l, false) },
    ],
  };
}

export interface AccessEvents {
  /** Level -> event uuid. */
  events: Map<string, string>;
  /** "eventLevel/attributeLevel" -> attribute uuid (empty without attributes). */
  attributes: Map<string, string>;
  /** The tag of an event level or of an "eventLevel/attributeLevel" key in this run. */
  tagOf(key: string): string;
}

/**
 * A's events, one per event level (info "<run> <level>", tagged tagOf(level)), each with one ip-dst
 * attribute per attribute level (value 10.<event level index>.<attribute level index>.1, comment
 * "<eventLevel>/<attributeLevel>", tagged tagOf of that key). Created in level order, one at a time:
 * the live-stream suites compare delivery order.
 */
export async function accessEvents(fx: AccessOrgs, run: string, opts: { attributes?: boolean } = {}): Promise<AccessEvents> {
  const tagOf = (key: string) => `${run}:${key}`.toLowerCase();
  const events = new Map<string, string>();
  const attributes = new Map<string, string>();
  for (const [ei, el] of EVENT_LEVELS.entries()) {
    const e = ok(await fx.A.client.request(CreateEventDocument, { input: { info: `${run} ${el}`, tags: [tagOf(el)], ...fx.dist(el) } })).createEvent;
    events.set(el, e.id);
    if (opts.attributes === false) continue;
    const added = ok(
      await fx.A.client.request(AddAttributesDocument, {
        eventId: e.id,
        attributes: ATTRIBUTE_LEVELS.map((al, ai) => ({
          type: 'ip-dst',
          value: `10.${ei}.${ai}.1`,
          comment: `${el}/${al}`,
          tags: [tagOf(`${el}/${al}`)],
          ...fx.dist(al),
        })),
      }),
    ).addAttributes;
    ATTRIBUTE_LEVELS.forEach((al, ai) => attributes.set(`${el}/${al}`, added[ai].id));
  }
  return { events, attributes, tagOf };
}

export const ROLES = ['ADMIN', 'ORG_ADMIN', 'PUBLISHER', 'USER', 'SYNC_USER', 'READ_ONLY'] as const satisfies readonly Role[];
export type RoleName = (typeof ROLES)[number];

/** One user (with an API key) of every role in an organisation: the actors of the write matrix. */
export async function usersByRole(hub: TestHub, orgId: string): Promise<Record<RoleName, { userId: string; key: string; client: GraphqlClient }>> {
  const users = await Promise.all(ROLES.map((role) => userIn(hub, orgId, role)));
  return Object.fromEntries(ROLES.map((role, i) => [role, users[i]])) as Record<RoleName, (typeof users)[number]>;
}
