import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { createApp, App } from '../../src/app';
import { testEnv } from '../../src/config/config';
import { scratchMysql } from '../support/scratch-database';
import {
  AddAttributesDocument,
  AttributeAddedDocument,
  AttributeAddedSubscription,
  AttributeFilter,
  AttributeInput,
  ChangesDocument,
  ChangesSubscription,
  CreateApiKeyDocument,
  CreateEventDocument,
  CreateOrganisationDocument,
  CreateSharingGroupDocument,
  CreateUserDocument,
  Distribution,
  EventPublishedDocument,
  PublishEventDocument,
  RemoveSharingGroupOrganisationDocument,
  RevokeApiKeyDocument,
} from '../../src/generated/graphql';
import { decodeCursor } from '../../src/graphql/pagination';
import { createGraphqlClient, GraphqlClient } from '../../src/shared/graphql-client';
import { createLogger } from '../../src/shared/logger';
import { accessEvents, accessOrgs, ATTRIBUTE_LEVELS, EVENT_LEVELS } from '../support/access-fixture';
import { testDatabases } from '../support/databases';
import { headCursor, ok, OrgWithUser, orgWithUser, replicaConfig, startTestHub, TestHub, unique } from '../support/hub';
import { connectRawWs, connectWs, LiveSubscription, RawMessage, RawWsClient, WsTestClient } from '../support/ws-client';

/**
 * The live stream of DESIGN §5 (issue 3) end to end, through real graphql-ws clients against hubs on
 * port 0: the access matrix seen through subscriptions, filters, eventPublished, resume while writes
 * continue, key revocation, sharing-group removal, a slow consumer next to a fast one, shutdown, and two
 * replicas on MariaDB + Redis.
 *
 * Race-free starts: a subscription without `since` begins at the replica's head when its stream starts,
 * which the client cannot observe. Tests therefore either subscribe with `since: <head cursor>` or, where
 * "subscribed before the writes" is the point, wait until every subscriber got a warm-up attribute.
 * Completeness: deliveries are in log order, so once a final marker has arrived nothing written before it
 * can still come; the sets received before the marker are compared exactly.
 */

type AddedAttr = AttributeAddedSubscription['attributeAdded'];
type ChangeEntry = ChangesSubscription['changes'];

const added = (s: LiveSubscription<AttributeAddedSubscription>): AddedAttr[] => s.items.map((i) => i.attributeAdded);
const changesOf = (s: LiveSubscription<ChangesSubscription>): ChangeEntry[] => s.items.map((i) => i.changes);
const seqOf = (cursor: string | null) => decodeCursor('change', cursor)!;

function assertIncreasing(cursors: Array<string | null>, what: string) {
  const seqs = cursors.map(seqOf);
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], `${what}: cursor ${seqs[i]} after ${seqs[i - 1]} at ${i}`);
}

const sorted = <T>(xs: Iterable<T>) => [...xs].map(String).sort();


async function createEvent(client: GraphqlClient, info: string, distribution: Distribution, more: { sharingGroupId?: string; tags?: string[] } = {}) {
  return ok(await client.request(CreateEventDocument, { input: { info, distribution, ...more } })).createEvent;
}

async function addAttributes(client: GraphqlClient, eventId: string, attributes: AttributeInput[]) {
  return ok(await client.request(AddAttributesDocument, { eventId, attributes })).addAttributes;
}

const ip = (a: number, n: number) => `10.${a}.${(n >> 8) & 255}.${n & 255}`;

for (const database of testDatabases()) {
  describe(`subscriptions (${database.name})`, { timeout: 120_000 }, () => {
    let hub: TestHub;
    const open: Array<WsTestClient | RawWsClient> = [];
    const ws = (key: string | undefined, url = hub.url) => {
      const c = connectWs(url, key);
      open.push(c);
      return c;
    };
    const disposeAll = async () => {
      const all = open.splice(0);
      await Promise.all(all.map((c) => ('dispose' in c ? c.dispose() : c.close())));
    };

    before(async () => {
      hub = await startTestHub(database);
    });
    afterEach(disposeAll);
    after(async () => {
      await disposeAll();
      await hub?.stop();
    });

    test('access matrix: subscribed before the writes, each organisation receives exactly its share', async () => {
      const fx = await accessOrgs(hub);
      const A = fx.A;
      const run = unique('m');
      const startedAt = Date.now();

      const viewers = fx.viewers.map((x) => {
        const c = ws(x.org.key);
        return {
          ...x,
          c,
          attrs: c.subscribe(AttributeAddedDocument, {}, `${x.who} attributeAdded`),
          changes: c.subscribe(ChangesDocument, {}, `${x.who} changes`),
        };
      });

      // Warm-up: a subscription without `since` starts at the head when its stream starts, which the
      // client cannot observe; public attributes are written until every subscription has received one.
      const pub = await createEvent(A.client, `${run} public`, 'COMMUNITY_ONLY');
      await Promise.all(viewers.map((s) => s.c.waitConnected()));
      const warm = new Set<string>();
      const hasWarm = (s: (typeof viewers)[number]) =>
        s.attrs.items.some((a) => warm.has(a.attributeAdded.id)) && s.changes.items.some((c) => warm.has(c.changes.id));
      for (let k = 0; !viewers.every(hasWarm); k++) {
        assert.ok(k < 20, 'the subscriptions never became live');
        const [w] = await addAttributes(A.client, pub.id, [{ type: 'ip-dst', value: ip(60, k), comment: `${run} ready ${k}` }]);
        warm.add(w.id);
        await Promise.all(viewers.map((s) => s.attrs.waitFor(() => hasWarm(s), 1_000, 'a warm-up attribute'))).catch(() => {}); // else: another
      }

      const { events, attributes } = await accessEvents(fx, run);
      const [final] = await addAttributes(A.client, pub.id, [{ type: 'ip-dst', value: '192.0.2.2', comment: `${run} final` }]);

      for (const { who, sees, attrs, changes } of viewers) {
        await attrs.waitForItem((a) => a.attributeAdded.id === final.id, 10_000, 'the final marker');
        await changes.waitForItem((c) => c.changes.id === final.id, 10_000, 'the final marker');

        // attributeAdded: before the marker (warm-ups aside), exactly the visible matrix attributes.
        const got = added(attrs);
        const between = got.slice(0, got.findIndex((a) => a.id === final.id)).filter((a) => a.event.id !== pub.id);
        const want = EVENT_LEVELS.filter(sees).flatMap((el) => ATTRIBUTE_LEVELS.filter(sees).map((al) => `${el}/${al}`));
        assert.deepEqual(sorted(between.map((a) => a.comment)), sorted(want), `${who}: attributeAdded comments`);
        assert.deepEqual(sorted(between.map((a) => a.id)), sorted(want.map((k) => attributes.get(k)!)), `${who}: attributeAdded uuids`);
        for (const a of between) assert.equal(a.event.id, events.get(a.comment!.split('/')[0]), `${who}: event of ${a.comment}`);
        assertIncreasing(got.map((a) => a.changeCursor), `${who} attributeAdded`);

        // changes: every created/updated event and created attribute it may see, nothing else.
        const entries = changesOf(changes);
        const window = entries.slice(0, entries.findIndex((c) => c.id === final.id)).filter((c) => c.eventId !== pub.id);
        const wantChanges = EVENT_LEVELS.filter(sees).flatMap((el) => [
          `EVENT CREATED ${events.get(el)}`,
          `EVENT UPDATED ${events.get(el)}`, // adding attributes touches the event
          ...ATTRIBUTE_LEVELS.filter(sees).map((al) => `ATTRIBUTE CREATED ${attributes.get(`${el}/${al}`)}`),
        ]);
        assert.deepEqual(sorted(window.map((c) => `${c.kind} ${c.op} ${c.id}`)), sorted(wantChanges), `${who}: changes`);
        assertIncreasing(entries.map((c) => c.cursor), `${who} changes`);
        // Each change's time is the moment it was logged (an ISO date-time, within this test's run).
        for (const c of window) {
          const at = Date.parse(c.at as string);
          assert.ok(at >= startedAt - 1_000 && at <= Date.now() + 1_000, `${who}: change at ${c.at}`);
        }
        // No invisible uuid hides in the eventId of a delivered change either.
        const visibleEvents = new Set(EVENT_LEVELS.filter(sees).map((el) => events.get(el)!));
        for (const c of window) assert.ok(visibleEvents.has(c.eventId!), `${who}: change of event ${c.eventId}`);
      }
    });

    test('filters: type, category, toIds, attribute and event tags, eventId, creatorOrgId; unsupported fields are refused', async () => {
      const D = await orgWithUser(hub, 'PUBLISHER');
      const F = await orgWithUser(hub, 'PUBLISHER');
      const O = await orgWithUser(hub, 'USER');
      const run = unique('f').toLowerCase();
      const attrTag = `${run}:attr-tag`;
      const eventTag = `${run}:event-tag`;
      const e1 = await createEvent(D.client, `${run} e1`, 'COMMUNITY_ONLY', { tags: [eventTag] });
      const e2 = await createEvent(D.client, `${run} e2`, 'COMMUNITY_ONLY');
      const e3 = await createEvent(F.client, `${run} e3`, 'COMMUNITY_ONLY');
      const creatorOf = new Map([
        [e1.id, D.orgId],
        [e2.id, D.orgId],
        [e3.id, F.orgId],
      ]);

      interface Spec {
        comment: string;
        event: string;
        type: string;
        value: string;
        category: string;
        toIds: boolean;
        tags: string[];
      }
      const spec = (comment: string, event: string, type: string, value: string, category: string, toIds: boolean, tags: string[] = []): Spec => ({
        comment,
        event,
        type,
        value,
        category,
        toIds,
        tags,
      });
      const data: Spec[] = [
        spec('d1', e1.id, 'ip-dst', '10.61.0.1', 'Network activity', true),
        spec('d2', e1.id, 'domain', `a.${run}.test`, 'Payload delivery', false),
        spec('d3', e1.id, 'ip-dst', '10.61.0.3', 'Network activity', false, [attrTag]),
        spec('d4', e1.id, 'domain', `b.${run}.test`, 'External analysis', true, [attrTag]),
        spec('d5', e2.id, 'ip-dst', '10.62.0.1', 'Network activity', true),
        spec('d6', e2.id, 'domain', `c.${run}.test`, 'External analysis', false),
        spec('d7', e2.id, 'md5', 'd41d8cd98f00b204e9800998ecf8427e', 'Payload delivery', true),
        spec('d8', e2.id, 'domain', `d.${run}.test`, 'Network activity', true, [attrTag.toUpperCase()]),
        spec('d9', e3.id, 'ip-dst', '10.63.0.1', 'Payload delivery', true),
        spec('d10', e3.id, 'domain', `e.${run}.test`, 'Network activity', false),
        spec('d11', e3.id, 'ip-dst', '10.63.0.3', 'External analysis', false, [attrTag]),
      ];
      const tagsOf = (s: Spec) => new Set([...s.tags, ...(s.event === e1.id ? [eventTag] : [])].map((t) => t.toLowerCase()));
      const filters: Array<{ name: string; filter: AttributeFilter; matches: (s: Spec) => boolean; marker: Omit<Spec, 'comment'> }> = [
        { name: 'type', filter: { type: ['domain'] }, matches: (s) => s.type === 'domain', marker: spec('', e2.id, 'domain', `m1.${run}.test`, 'Network activity', true) },
        {
          name: 'category',
          filter: { category: ['Payload delivery'] },
          matches: (s) => s.category === 'Payload delivery',
          marker: spec('', e2.id, 'ip-dst', '10.69.0.2', 'Payload delivery', true),
        },
        { name: 'toIds true', filter: { toIds: true }, matches: (s) => s.toIds, marker: spec('', e2.id, 'ip-dst', '10.69.0.3', 'Network activity', true) },
        { name: 'toIds false', filter: { toIds: false }, matches: (s) => !s.toIds, marker: spec('', e2.id, 'ip-dst', '10.69.0.4', 'Network activity', false) },
        {
          name: 'attribute tag',
          filter: { tags: [attrTag] },
          matches: (s) => tagsOf(s).has(attrTag),
          marker: spec('', e2.id, 'ip-dst', '10.69.0.5', 'Network activity', true, [attrTag]),
        },
        {
          name: 'event tag (any case)',
          filter: { tags: [eventTag.toUpperCase()] },
          matches: (s) => tagsOf(s).has(eventTag),
          marker: spec('', e1.id, 'ip-dst', '10.69.0.6', 'Network activity', true),
        },
        { name: 'eventId', filter: { eventId: e2.id }, matches: (s) => s.event === e2.id, marker: spec('', e2.id, 'ip-dst', '10.69.0.7', 'Network activity', true) },
        {
          name: 'creatorOrgId',
          filter: { creatorOrgId: [F.orgId] },
          matches: (s) => creatorOf.get(s.event) === F.orgId,
          marker: spec('', e3.id, 'ip-dst', '10.69.0.8', 'Network activity', true),
        },
        {
          name: 'type + toIds',
          filter: { type: ['domain'], toIds: false },
          matches: (s) => s.type === 'domain' && !s.toIds,
          marker: spec('', e1.id, 'domain', `m9.${run}.test`, 'Network activity', false),
        },
      ];
      const markers = filters.map((f, i) => ({ ...f.marker, comment: `marker ${i} ${f.name}` }));
      filters.forEach((f, i) => assert.ok(f.matches(markers[i]), `marker of ${f.name} must match its filter`));

      const since = await headCursor(hub);
      const c = ws(O.key);
      const subs = filters.map((f) => c.subscribe(AttributeAddedDocument, { filter: f.filter, since }, `filter ${f.name}`));

      const write = async (specs: Spec[]) => {
        for (const event of [e1.id, e2.id, e3.id]) {
          const mine = specs.filter((s) => s.event === event);
          const client = creatorOf.get(event) === F.orgId ? F.client : D.client;
          if (mine.length) await addAttributes(client, event, mine.map(({ type, value, category, toIds, tags, comment }) => ({ type, value, category, toIds, tags, comment })));
        }
      };
      await write(data);
      await write(markers);

      for (const [i, f] of filters.entries()) {
        await subs[i].waitForItem((a) => a.attributeAdded.comment === markers[i].comment, 10_000, `marker of ${f.name}`);
        const got = added(subs[i]).filter((a) => !a.comment?.startsWith('marker'));
        assert.deepEqual(sorted(got.map((a) => a.comment)), sorted(data.filter(f.matches).map((s) => s.comment)), `filter ${f.name}`);
        for (const a of got) {
          const s = data.find((d) => d.comment === a.comment)!;
          assert.deepEqual([a.type, a.category, a.toIds, a.event.id], [s.type, s.category, s.toIds, s.event], `payload of ${a.comment}`);
        }
      }

      // Refused filters and cursors: BAD_USER_INPUT on that subscription, the socket stays open.
      for (const [what, variables] of [
        ['dateFrom', { filter: { dateFrom: '2024-01-01' } }],
        ['timestampFrom', { filter: { timestampFrom: '2024-01-01T00:00:00Z' } }],
        ['deleted', { filter: { deleted: true } }],
        ['a malformed since', { since: 'not-a-cursor' }],
        // Checked when the subscription starts (the argument checks every resolver gets), not when a first
        // item arrives: nothing is written here.
        ['a control character in a filter value', { filter: { value: 'evil\u0007.example' } }],
      ] as const) {
        const bad = c.subscribe(AttributeAddedDocument, variables, `bad ${what}`);
        await bad.waitFor((s) => s.errors.length > 0 || s.ended, 10_000, 'an error');
        assert.equal(bad.errors[0]?.extensions?.code, 'BAD_USER_INPUT', `${what}: ${JSON.stringify(bad.errors)}`);
      }
      const badEvent = c.subscribe(EventPublishedDocument, { filter: { dateFrom: '2024-01-01' } }, 'bad eventPublished dateFrom');
      await badEvent.waitFor((s) => s.errors.length > 0 || s.ended, 10_000, 'an error');
      assert.equal(badEvent.errors[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(badEvent.errors));
      assert.equal(c.closeInfo, undefined, 'a refused subscription does not close the socket');
    });

    test('malformed subscriptions answer with the error catalogue (code BAD_USER_INPUT), as over HTTP', async () => {
      const c = ws(hub.adminKey);
      const badVariable = c.subscribe(AttributeAddedDocument, { filter: { distribution: ['NOPE' as Distribution] } }, 'bad enum variable');
      const unknownField = c.subscribe({ kind: 'Document', definitions: parse('subscription { attributeAdded { nope } }').definitions } as typeof ChangesDocument, {}, 'unknown field');
      for (const s of [badVariable, unknownField]) {
        await s.waitFor((x) => x.errors.length > 0 || x.ended, 10_000, 'an error');
        assert.equal(s.errors[0]?.extensions?.code, 'BAD_USER_INPUT', `${s.name}: ${JSON.stringify(s.errors)}`);
      }
    });

    test('eventPublished: delivered on publish, only to those who may see the event', async () => {
      const fx = await accessOrgs(hub);
      const A = fx.A;
      const run = unique('p');
      const since = await headCursor(hub);
      const viewers = fx.viewers.map((x) => ({ ...x, sub: ws(x.org.key).subscribe(EventPublishedDocument, { since }, `${x.who} eventPublished`) }));

      const { events } = await accessEvents(fx, run, { attributes: false });
      const neverPublished = await createEvent(A.client, `${run} draft`, 'ALL_COMMUNITIES');
      await addAttributes(A.client, neverPublished.id, [{ type: 'ip-dst', value: '10.70.0.1' }]);
      for (const id of events.values()) assert.equal(ok(await A.client.request(PublishEventDocument, { id })).publishEvent.published, true);
      const marker = await createEvent(A.client, `${run} marker`, 'COMMUNITY_ONLY');
      ok(await A.client.request(PublishEventDocument, { id: marker.id }));

      for (const { who, sees, sub } of viewers) {
        await sub.waitForItem((e) => e.eventPublished.id === marker.id, 10_000, 'the published marker');
        const got = sub.items.map((i) => i.eventPublished).filter((e) => e.id !== marker.id);
        assert.deepEqual(sorted(got.map((e) => e.id)), sorted(EVENT_LEVELS.filter(sees).map((el) => events.get(el)!)), who);
        for (const e of got) assert.equal(e.published, true);
        assertIncreasing(sub.items.map((i) => i.eventPublished.changeCursor), who);
      }
    });

    test('resume: reconnecting with the last cursor while writes continue gives every change once, in order', async () => {
      const W = await orgWithUser(hub, 'PUBLISHER');
      const R = await orgWithUser(hub, 'USER');
      const run = unique('r');
      const e = await createEvent(W.client, `${run} resume`, 'COMMUNITY_ONLY');
      const numberOf = (a: AddedAttr) => Number(/#(\d+)$/.exec(a.comment ?? '')![1]);
      const createdIds: string[] = []; // attribute uuids in write (log) order
      let n = 0;
      const writeBatch = async () => {
        const nums = [n, n + 1, n + 2];
        n += 3;
        const res = await addAttributes(W.client, e.id, nums.map((i) => ({ type: 'ip-dst', value: ip(71, i), comment: `${run} #${i}` })));
        createdIds.push(...res.map((a) => a.id));
      };

      const since = await headCursor(hub);
      const first = ws(R.key);
      const s1 = first.subscribe(AttributeAddedDocument, { filter: { eventId: e.id }, since }, 'before disconnect');
      const c1 = first.subscribe(ChangesDocument, { since }, 'changes before disconnect');
      for (let i = 0; i < 10; i++) await writeBatch();
      await s1.waitFor((s) => s.items.length >= 30, 10_000, '30 attributes');
      await c1.waitForItem((c) => c.changes.id === createdIds[29], 10_000, 'the 30th attribute change');
      const lastAttrCursor = added(s1)[29].changeCursor!;
      const lastChangeCursor = changesOf(c1).find((c) => c.id === createdIds[29])!.cursor;
      const before1 = added(s1).slice(0, 30);
      const beforeC = changesOf(c1).filter((c) => seqOf(c.cursor) <= seqOf(lastChangeCursor));
      await first.dispose();
      open.splice(open.indexOf(first), 1);

      // Writes while away...
      for (let i = 0; i < 10; i++) await writeBatch();
      // ...and during the reconnect: a writer loop runs concurrently with the switch-over.
      let writing = true;
      const writer = (async () => {
        while (writing) await writeBatch();
      })();
      try {
        const again = ws(R.key);
        const s2 = again.subscribe(AttributeAddedDocument, { filter: { eventId: e.id }, since: lastAttrCursor }, 'after reconnect');
        const c2 = again.subscribe(ChangesDocument, { since: lastChangeCursor }, 'changes after reconnect');
        const target = n + 30; // keep writing until the live tail is clearly reached
        await s2.waitFor(() => n >= target && s2.items.length > 0, 20_000, 'writes during the switch-over');
        writing = false;
        await writer;
        const total = n;
        await s2.waitFor((s) => s.items.length >= total - 30, 20_000, `${total - 30} attributes after reconnect`);
        const eventUpdates = (entries: ChangeEntry[]) => entries.filter((c) => c.kind === 'EVENT' && c.op === 'UPDATED' && c.id === e.id).length;
        await c2.waitFor(
          (s) => s.items.some((c) => c.changes.id === createdIds[total - 1]) && eventUpdates([...beforeC, ...changesOf(s)]) >= total / 3,
          20_000,
          'the last attribute change and its event update',
        );

        const all = [...before1, ...added(s2)];
        assert.deepEqual(all.map(numberOf), Array.from({ length: total }, (_, i) => i), 'attributeAdded: no gap, no duplicate, in order');
        assertIncreasing(all.map((a) => a.changeCursor), 'attributeAdded cursors');
        const allChanges = [...beforeC, ...changesOf(c2)];
        assertIncreasing(allChanges.map((c) => c.cursor), 'changes cursors');
        const created = allChanges.filter((c) => c.kind === 'ATTRIBUTE' && c.op === 'CREATED' && c.eventId === e.id).map((c) => c.id);
        assert.deepEqual(created, createdIds, 'changes: every attribute creation once, in order');
        assert.equal(eventUpdates(allChanges), total / 3, 'changes: one event update per batch');
      } finally {
        writing = false;
        await writer;
      }
    });

    test('key revocation closes an open socket with 4403 at once; unknown, missing and revoked keys are refused', async () => {
      const U = await orgWithUser(hub, 'USER');
      const second = ok(await hub.admin.request(CreateApiKeyDocument, { input: { userId: U.userId } })).createApiKey;
      const doomed = ws(second.key);
      const doomedSub = doomed.subscribe(ChangesDocument, {}, 'doomed');
      const other = ws(U.key);
      const otherSub = other.subscribe(AttributeAddedDocument, { since: await headCursor(hub) }, 'other key');
      await doomed.waitConnected();
      await other.waitConnected();

      const t0 = Date.now();
      assert.ok(ok(await U.client.request(RevokeApiKeyDocument, { id: second.apiKey.id })).revokeApiKey.revokedAt);
      const closed = await doomed.waitClosed(2_000);
      assert.equal(closed.code, 4403, `close ${closed.code} ${closed.reason}`);
      assert.ok(closed.at - t0 < 2_000, `closed after ${closed.at - t0} ms`);
      await doomedSub.waitForEnd(2_000);

      // The user's other key is untouched: its socket stays open and keeps receiving.
      const e = await createEvent(U.client, unique('still'), 'COMMUNITY_ONLY');
      const [a] = await addAttributes(U.client, e.id, [{ type: 'ip-dst', value: '10.72.0.1' }]);
      await otherSub.waitForItem((x) => x.attributeAdded.id === a.id, 10_000, 'delivery on the other key');
      assert.equal(other.closeInfo, undefined);

      for (const [what, key] of [
        ['unknown key', randomBytes(24).toString('base64url')],
        ['revoked key', second.key],
        ['no key', undefined],
      ] as const) {
        const refused = ws(key);
        const info = await refused.waitClosed(5_000);
        assert.equal(info.code, 4403, `${what}: ${info.code} ${info.reason}`);
        assert.equal(refused.connected, false, `${what}: never acknowledged`);
      }
    });

    test('removing an organisation from a sharing group stops its deliveries on an open subscription', async () => {
      const A = await orgWithUser(hub, 'ORG_ADMIN');
      const B = await orgWithUser(hub, 'USER');
      const run = unique('g');
      const sg = ok(await A.client.request(CreateSharingGroupDocument, { input: { name: unique('sg'), organisationIds: [B.orgId] } }))
        .createSharingGroup.id;
      const open_ = await createEvent(A.client, `${run} community`, 'COMMUNITY_ONLY');
      const sgEvent = await createEvent(A.client, `${run} sg event`, 'SHARING_GROUP', { sharingGroupId: sg });
      const since = await headCursor(hub);
      const c = ws(B.key);
      const attrs = c.subscribe(AttributeAddedDocument, { since }, 'B attributeAdded');
      const changes = c.subscribe(ChangesDocument, { since }, 'B changes');

      // While a member, B receives the group's data.
      const [inGroup] = await addAttributes(A.client, open_.id, [
        { type: 'ip-dst', value: '10.73.0.1', comment: 'sg before', distribution: 'SHARING_GROUP', sharingGroupId: sg },
      ]);
      const [inSgEvent] = await addAttributes(A.client, sgEvent.id, [{ type: 'ip-dst', value: '10.73.0.2', comment: 'sg event before' }]);
      await attrs.waitForItem((a) => a.attributeAdded.id === inSgEvent.id, 10_000, 'SG data while a member');
      assert.ok(added(attrs).some((a) => a.id === inGroup.id));
      // The changes subscription is delivered on its own pace, and what it shows is decided when it is
      // delivered: wait for the event's update (the last change written while B is a member) before removing B.
      await changes.waitForItem((x) => x.changes.id === sgEvent.id && x.changes.op === 'UPDATED', 10_000, 'the SG event update while a member');

      ok(await A.client.request(RemoveSharingGroupOrganisationDocument, { sharingGroupId: sg, organisationId: B.orgId }));
      const after1 = await addAttributes(A.client, open_.id, [
        { type: 'ip-dst', value: '10.73.1.1', comment: 'sg after', distribution: 'SHARING_GROUP', sharingGroupId: sg },
        { type: 'ip-dst', value: '10.73.1.2', comment: 'sg after 2', distribution: 'SHARING_GROUP', sharingGroupId: sg },
      ]);
      const after2 = await addAttributes(A.client, sgEvent.id, [{ type: 'ip-dst', value: '10.73.1.3', comment: 'sg event after' }]);
      const [marker] = await addAttributes(A.client, open_.id, [{ type: 'ip-dst', value: '10.73.2.1', comment: 'public marker' }]);

      await attrs.waitForItem((a) => a.attributeAdded.id === marker.id, 10_000, 'the public marker');
      await changes.waitForItem((x) => x.changes.id === marker.id, 10_000, 'the public marker change');
      const hidden = new Set([...after1, ...after2].map((a) => a.id));
      assert.deepEqual(added(attrs).map((a) => a.comment), ['sg before', 'sg event before', 'public marker']);
      const hiddenChanges = changesOf(changes).filter((x) => hidden.has(x.id));
      assert.deepEqual(hiddenChanges, [], 'no change of the group\'s new data reaches B after its removal');
      const ofSgEvent = changesOf(changes).filter((x) => x.id === sgEvent.id || x.eventId === sgEvent.id);
      assert.deepEqual(
        ofSgEvent.map((x) => `${x.kind} ${x.op} ${x.id}`),
        [`ATTRIBUTE CREATED ${inSgEvent.id}`, `EVENT UPDATED ${sgEvent.id}`],
        'of the group\'s event, B saw only what happened while it was a member',
      );
      assert.equal(c.closeInfo, undefined, 'the socket stays open');
    });
  });

  describe(`subscriptions: slow consumer and shutdown (${database.name})`, { timeout: 120_000 }, () => {
    let lagHub: TestHub;
    let stopped = false;
    const clients: Array<WsTestClient | RawWsClient> = [];
    before(async () => {
      lagHub = await startTestHub(database, { SUBSCRIPTION_MAX_LAG: '200' });
    });
    after(async () => {
      await Promise.all(clients.map((c) => ('dispose' in c ? c.dispose() : c.close())));
      if (!stopped) await lagHub?.stop();
    });

    test('a slow consumer does not delay a fast one; past the bound it is told its cursor and resumes from it', async () => {
      const W = await orgWithUser(lagHub, 'PUBLISHER');
      const R = await orgWithUser(lagHub, 'USER');
      const run = unique('s');
      const e = await createEvent(W.client, `${run} flood`, 'COMMUNITY_ONLY');
      const since = await headCursor(lagHub);
      const filter = { eventId: e.id };
      const numberOf = (a: AddedAttr) => Number(/#(\d+)$/.exec(a.comment ?? '')![1]);

      // The slow one: a bare socket that stops reading at once (its TCP buffers fill, then the server's
      // sends to it wait). Large comments make ~9 MB, more than the kernel buffers can absorb.
      const slow = await connectRawWs(lagHub.url, R.key);
      clients.push(slow);
      slow.subscribe('slow', AttributeAddedDocument, { filter, since });
      slow.pause();
      const fastClient = connectWs(lagHub.url, R.key);
      clients.push(fastClient);
      const fast = fastClient.subscribe(AttributeAddedDocument, { filter, since }, 'fast');

      // Batches below the bound (200), each written once the fast client has the previous one: the fast
      // client is never more than one write behind, the slow one falls ever further behind.
      const BATCHES = 20;
      const PER_BATCH = 150;
      const TOTAL = BATCHES * PER_BATCH;
      const padding = 'x'.repeat(3000);
      const latencies: number[] = [];
      const t0 = Date.now();
      for (let b = 0; b < BATCHES; b++) {
        await addAttributes(
          W.client,
          e.id,
          Array.from({ length: PER_BATCH }, (_, j) => {
            const i = b * PER_BATCH + j;
            return { type: 'ip-dst', value: ip(74, i), comment: `${padding} #${i}` };
          }),
        );
        const written = Date.now();
        await fast.waitFor((s) => s.items.length >= (b + 1) * PER_BATCH, 5_000, `batch ${b} on the fast client`);
        latencies.push(Date.now() - written);
      }
      const totalMs = Date.now() - t0;
      assert.deepEqual(added(fast).map(numberOf), Array.from({ length: TOTAL }, (_, i) => i), 'fast: all, in order');
      const slowRead = slow.messages.length;
      assert.ok(slowRead < TOTAL, 'the slow client has not read everything while paused');
      latencies.sort((x, y) => x - y);
      process.stderr.write(
        `# slow consumer (${database.name}): ${TOTAL} attributes in ${totalMs} ms; fast client per-batch latency p50 ${latencies[BATCHES >> 1]} ms, max ${latencies[BATCHES - 1]} ms\n`,
      );

      slow.resume();
      const errorsOf = (m: RawMessage) => {
        const p = m.payload as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
        return (m.type === 'next' || m.type === 'error' ? (Array.isArray(p) ? p : p?.errors) : undefined) ?? [];
      };
      const isTooSlow = (m: RawMessage) => errorsOf(m).some((x) => x.extensions?.code === 'SUBSCRIBER_TOO_SLOW');
      await slow.waitFor((ms) => ms.some(isTooSlow) || ms.filter((m) => m.type === 'next').length >= TOTAL, 30_000, 'SUBSCRIBER_TOO_SLOW');
      const tooSlow = slow.messages.find(isTooSlow);
      assert.ok(tooSlow, `the slow client got no SUBSCRIBER_TOO_SLOW but all ${TOTAL} attributes`);
      const err = errorsOf(tooSlow)[0];
      const cursor = err.extensions?.cursor as string;
      assert.equal(typeof cursor, 'string', JSON.stringify(err));
      assert.ok(err.message.includes(cursor), `the message names the cursor: ${err.message}`);
      const beforeError = slow.messages
        .slice(0, slow.messages.indexOf(tooSlow))
        .filter((m) => m.type === 'next' && (m.payload as { data?: unknown }).data)
        .map((m) => (m.payload as { data: AttributeAddedSubscription }).data.attributeAdded);
      assert.ok(beforeError.length < TOTAL, 'stopped before the end');
      assert.deepEqual(beforeError.map(numberOf), Array.from({ length: beforeError.length }, (_, i) => i), 'slow: a prefix, in order');
      if (beforeError.length) assert.ok(seqOf(cursor) >= seqOf(beforeError[beforeError.length - 1].changeCursor), 'cursor not before the last delivery');
      await slow.waitFor((ms) => ms.some((m) => m.type === 'complete' && m.id === 'slow'), 10_000, 'complete after the error');
      process.stderr.write(`# slow consumer (${database.name}): ${slowRead} read while paused, ${beforeError.length} delivered before SUBSCRIBER_TOO_SLOW\n`);

      const resumedClient = connectWs(lagHub.url, R.key);
      clients.push(resumedClient);
      const resumed = resumedClient.subscribe(AttributeAddedDocument, { filter, since: cursor }, 'resumed');
      await resumed.waitFor((s) => s.items.length >= TOTAL - beforeError.length, 30_000, 'the rest after resuming');
      const all = [...beforeError, ...added(resumed)];
      assert.deepEqual(all.map(numberOf), Array.from({ length: TOTAL }, (_, i) => i), 'slow + resumed: no gap, no duplicate');
    });

    test('one write of more changes than SUBSCRIPTION_MAX_LAG does not cut off an idle, fast subscriber', async () => {
      const W = await orgWithUser(lagHub, 'PUBLISHER');
      const R = await orgWithUser(lagHub, 'USER');
      const e = await createEvent(W.client, unique('bulk'), 'COMMUNITY_ONLY');
      const c = connectWs(lagHub.url, R.key);
      clients.push(c);
      const sub = c.subscribe(AttributeAddedDocument, { filter: { eventId: e.id }, since: await headCursor(lagHub) }, 'idle subscriber');
      await addAttributes(W.client, e.id, Array.from({ length: 1000 }, (_, i) => ({ type: 'ip-dst', value: ip(76, i) })));
      await sub.waitFor((s) => s.items.length >= 1000, 15_000, 'the 1000 attributes of one bulk write');
    });

    test('stopping the hub closes open sockets with 1001, promptly even when a client does not read', async () => {
      const U = await orgWithUser(lagHub, 'USER');
      const a = connectWs(lagHub.url, U.key);
      const b = connectWs(lagHub.url, U.key);
      clients.push(a, b);
      const subA = a.subscribe(ChangesDocument, {}, 'a');
      b.subscribe(AttributeAddedDocument, { since: '0' }, 'b');
      await a.waitConnected();
      await b.waitConnected();
      const stuck = await connectRawWs(lagHub.url, U.key);
      clients.push(stuck);
      stuck.pause();
      const t0 = Date.now();
      stopped = true;
      const stopping = lagHub.stop();
      const [ca, cb] = [await a.waitClosed(5_000), await b.waitClosed(5_000)];
      assert.equal(ca.code, 1001, `${ca.code} ${ca.reason}`);
      assert.equal(cb.code, 1001, `${cb.code} ${cb.reason}`);
      await subA.waitForEnd(1_000);
      // A client that does not read must not hold the stop up (ws would wait 30 s for its close frame).
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([stopping.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), 5_000)))]);
      clearTimeout(timer);
      if (!finished) stuck.socket.terminate(); // unblock the stop so the suite can end
      await stopping;
      const stopMs = Date.now() - t0;
      assert.ok(finished, `hub stop waited for the non-reading client (${stopMs} ms)`);
    });
  });
}

/** Two replicas on one MariaDB database, sharing change notices through Redis (DESIGN §5). */
const { testMysqlUrl, testRedisUrl } = testEnv();
describe('subscriptions across two hub processes (MariaDB + Redis)', { skip: !(testMysqlUrl && testRedisUrl) && 'needs TEST_MYSQL_URL and TEST_REDIS_URL', timeout: 60_000 }, () => {
  const apps: App[] = [];
  const clients: WsTestClient[] = [];
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const app of apps.reverse()) await app.stop();
    await drop?.();
  });

  test('a subscriber on one replica receives promptly what is written on the other', async () => {
    const db = await scratchMysql(testMysqlUrl!);
    drop = db.drop;
    const adminKey = randomBytes(24).toString('base64url');
    const prefix = `threatmesh-test:${randomBytes(6).toString('hex')}:`;
    const replica = async () => {
      const config = replicaConfig(db.url, adminKey, {
        REDIS_URL: testRedisUrl!,
        REDIS_PREFIX: prefix, // this test's own channels on a Redis other test files may use at the same time
        // The safety poll is slowed to a minute: prompt delivery can only come from the Redis notices.
        CHANGE_POLL_MS: '60000',
      });
      const app = await createApp(config, { logger: createLogger(testEnv().testLogLevel) });
      apps.push(app);
      return { app, url: await app.start() };
    };
    const one = await replica(); // migrates and bootstraps
    const two = await replica(); // same database: migrations and bootstrap are no-ops
    const admin2 = createGraphqlClient(two.url, adminKey);
    const shim = { admin: admin2, client: (k?: string) => createGraphqlClient(two.url, k) } as unknown as TestHub;

    const org = ok(await admin2.request(CreateOrganisationDocument, { input: { name: unique('rep') } })).createOrganisation;
    const user = ok(await admin2.request(CreateUserDocument, { input: { email: `${unique('u')}@example.org`, organisationId: org.id, role: 'PUBLISHER' } }))
      .createUser;
    const { key, apiKey } = ok(await admin2.request(CreateApiKeyDocument, { input: { userId: user.id } })).createApiKey;
    const writer: OrgWithUser = { orgId: org.id, orgName: org.name, userId: user.id, key, client: createGraphqlClient(two.url, key) };
    const readerOrg = await orgWithUser(shim, 'USER');

    const e = await createEvent(writer.client, unique('replicas'), 'COMMUNITY_ONLY');
    const since = await headCursor({ admin: createGraphqlClient(one.url, adminKey) });
    const sub1 = connectWs(one.url, readerOrg.key);
    clients.push(sub1);
    const attrs = sub1.subscribe(AttributeAddedDocument, { filter: { eventId: e.id }, since }, 'replica 1');
    const changes = sub1.subscribe(ChangesDocument, { since }, 'replica 1 changes');
    await sub1.waitConnected();

    const latencies: number[] = [];
    for (let b = 0; b < 5; b++) {
      const created = await addAttributes(
        writer.client,
        e.id,
        Array.from({ length: 10 }, (_, j) => ({ type: 'ip-dst', value: ip(75, b * 10 + j), comment: `#${b * 10 + j}` })),
      );
      const t0 = Date.now();
      await attrs.waitForItem((a) => a.attributeAdded.id === created[9].id, 3_000, `batch ${b} on replica 1`);
      latencies.push(Date.now() - t0);
    }
    assert.deepEqual(added(attrs).map((a) => a.comment), Array.from({ length: 50 }, (_, i) => `#${i}`));
    await changes.waitForItem((c) => c.changes.id === added(attrs)[49].id, 3_000, 'the last change on replica 1');
    process.stderr.write(`# replicas: delivery latency per batch (ms) ${latencies.join(', ')}\n`);

    // A revocation on replica 2 closes a socket on replica 1 (access notices cross replicas too).
    const doomed = connectWs(one.url, key);
    clients.push(doomed);
    await doomed.waitConnected();
    const t0 = Date.now();
    ok(await writer.client.request(RevokeApiKeyDocument, { id: apiKey.id }));
    const closed = await doomed.waitClosed(2_000);
    assert.equal(closed.code, 4403);
    process.stderr.write(`# replicas: revocation closed the socket on the other replica after ${closed.at - t0} ms\n`);
  });
});
