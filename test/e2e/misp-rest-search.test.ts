import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases';
import { orgWithUser, OrgWithUser, startTestHub, TestHub, unique } from '../support/hub';
import { mispHttp, unwrapResponse } from '../support/misp-http';
import { TestClock } from '../support/test-clock';

/**
 * MISP's restSearch filter language on attributes/restSearch and events/restSearch: each filter alone,
 * combined, the paging with X-Result-Count, the include flags, every returnFormat, and bad input
 * (unknown filter, bad time, bad returnFormat...) answered as a MISP 4xx JSON naming the value.
 */
const DAY = 86_400_000;

for (const database of testDatabases()) {
  describe(`MISP REST restSearch (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let B: OrgWithUser;
    let call: ReturnType<typeof mispHttp>;
    const clock = new TestClock();
    const tag = unique('rs').toLowerCase();
    const ev: Record<string, any> = {};

    /** The values attributes/restSearch answers for `body` (as A), sorted. */
    const values = async (body: Record<string, unknown>) => {
      const r = await call('POST', 'attributes/restSearch', { returnFormat: 'json', ...body });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      return unwrapResponse(r.json).Attribute.map((a: any) => a.value).sort();
    };
    /** The infos events/restSearch answers for `body` (as A), sorted. */
    const infos = async (body: Record<string, unknown>) => {
      const r = await call('POST', 'events/restSearch', { returnFormat: 'json', ...body });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      return unwrapResponse(r.json).map((e: any) => e.Event.info).sort();
    };
    const bad = async (controller: string, body: unknown, mention: RegExp, status = 400) => {
      const r = await call('POST', `${controller}/restSearch`, body);
      assert.equal(r.status, status, r.text.slice(0, 300));
      assert.match(r.headers.get('content-type') ?? '', /json/);
      assert.match(r.json.message, mention);
      assert.equal(r.json.url, `/${controller}/restSearch`);
    };

    before(async () => {
      hub = await startTestHub(database, {}, { clock });
      [A, B] = await Promise.all([orgWithUser(hub, 'PUBLISHER'), orgWithUser(hub, 'PUBLISHER')]);
      call = mispHttp(hub, A.key);
      // Three days ago: the old event.
      const add = async (who: OrgWithUser, body: Record<string, unknown>) => {
        const r = await mispHttp(hub, who.key)('POST', 'events/add', body);
        assert.equal(r.status, 200, r.text);
        return r.json.Event;
      };
      ev.old = await add(A, {
        info: `${tag} old`,
        distribution: '1',
        Tag: [{ name: `${tag}:green` }, { name: `${tag}:apt` }],
        Attribute: [
          { type: 'ip-dst', value: '203.0.113.1', comment: 'c2 server' },
          { type: 'domain', value: 'old.example', to_ids: false },
          { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', category: 'Artifacts dropped' },
        ],
      });
      assert.equal((await call('POST', `events/publish/${ev.old.id}`)).status, 200);
      clock.advance(3 * DAY);
      ev.fresh = await add(A, {
        info: `${tag} fresh`,
        distribution: '1',
        Tag: [{ name: `${tag}:red` }],
        Attribute: [
          { type: 'ip-dst', value: '203.0.113.2', Tag: [{ name: `${tag}:attr` }] },
          { type: 'url', value: 'http://fresh.example/x' },
          { type: 'domain', value: 'gone.example' },
        ],
      });
      const gone = ev.fresh.Attribute.find((a: any) => a.value === 'gone.example');
      assert.equal((await call('POST', `attributes/delete/${gone.id}`)).status, 200);
      ev.other = await add(B, { info: `${tag} other`, distribution: '1', Tag: [{ name: `${tag}:green` }], Attribute: [{ type: 'ip-dst', value: '203.0.113.3' }] });
    });
    after(async () => hub?.stop());

    const all = ['203.0.113.1', '203.0.113.2', '203.0.113.3', 'd41d8cd98f00b204e9800998ecf8427e', 'http://fresh.example/x', 'old.example'];

    test('value: exact, a list, a % pattern', async () => {
      assert.deepEqual(await values({ value: '203.0.113.1' }), ['203.0.113.1']);
      assert.deepEqual(await values({ value: ['203.0.113.1', 'old.example'] }), ['203.0.113.1', 'old.example']);
      assert.deepEqual(await values({ value: '203.0.113.%' }), ['203.0.113.1', '203.0.113.2', '203.0.113.3']);
      assert.deepEqual(await infos({ value: '203.0.113.2' }), [`${tag} fresh`]);
    });

    test('type, category, to_ids, org, eventid, uuid', async () => {
      assert.deepEqual(await values({ tags: [`${tag}:green`, `${tag}:red`], type: 'ip-dst' }), ['203.0.113.1', '203.0.113.2', '203.0.113.3']);
      assert.deepEqual(await values({ value: all, type: ['md5', 'url'] }), ['d41d8cd98f00b204e9800998ecf8427e', 'http://fresh.example/x']);
      assert.deepEqual(await values({ value: all, category: 'Artifacts dropped' }), ['d41d8cd98f00b204e9800998ecf8427e']);
      assert.deepEqual(await values({ value: all, to_ids: 0 }), ['old.example']);
      assert.deepEqual(await values({ value: all, org: B.orgName }), ['203.0.113.3']);
      assert.deepEqual(await values({ value: all, org: B.orgId }), ['203.0.113.3']);
      assert.deepEqual(await infos({ value: all, org: ev.other.orgc_id }), [`${tag} other`]);
      assert.deepEqual(await values({ eventid: ev.old.id }), ['203.0.113.1', 'd41d8cd98f00b204e9800998ecf8427e', 'old.example']);
      assert.deepEqual(await values({ eventid: ev.old.uuid, type: 'domain' }), ['old.example']);
      const md5 = ev.old.Attribute.find((a: any) => a.type === 'md5');
      assert.deepEqual(await values({ uuid: md5.uuid }), [md5.value]);
      assert.deepEqual(await values({ uuid: ev.other.uuid }), ['203.0.113.3']);
      assert.deepEqual(await infos({ uuid: [ev.old.uuid, ev.other.id] }), [`${tag} old`, `${tag} other`]);
      assert.deepEqual(await infos({ eventid: ev.fresh.id }), [`${tag} fresh`]);
    });

    test('tags: a list, !tag, {AND}, {OR, NOT}; attribute tags count for attributes', async () => {
      assert.deepEqual(await infos({ tags: [`${tag}:green`] }), [`${tag} old`, `${tag} other`]);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `!${tag}:apt`] }), [`${tag} other`]);
      assert.deepEqual(await infos({ tags: { AND: [`${tag}:green`, `${tag}:apt`] } }), [`${tag} old`]);
      assert.deepEqual(await infos({ tags: { OR: [`${tag}:green`, `${tag}:red`], NOT: [`${tag}:apt`] } }), [`${tag} fresh`, `${tag} other`]);
      assert.deepEqual(await values({ tags: [`${tag}:attr`] }), ['203.0.113.2']);
      assert.deepEqual(await values({ tags: { AND: [`${tag}:red`, `${tag}:attr`] } }), ['203.0.113.2']);
    });

    test('published, deleted, quickFilter, from/to', async () => {
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], published: true }), [`${tag} old`]);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], published: 0 }), [`${tag} fresh`, `${tag} other`]);
      assert.deepEqual(await values({ eventid: ev.fresh.id, deleted: 1 }), ['gone.example']);
      assert.deepEqual(await values({ eventid: ev.fresh.id }), ['203.0.113.2', 'http://fresh.example/x']);
      assert.deepEqual(await values({ quickFilter: 'c2 serv' }), ['203.0.113.1']);
      assert.deepEqual(await infos({ quickFilter: `${tag} fre` }), [`${tag} fresh`]);
      const today = clock.now().toISOString().slice(0, 10);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], from: today }), [`${tag} fresh`, `${tag} other`]);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], to: '2d' }), [`${tag} old`]);
    });

    test('last / publish_timestamp / timestamp, relative and absolute, one bound or a pair', async () => {
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], last: '1d' }), []);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], last: '4d' }), [`${tag} old`]);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], publish_timestamp: '96h' }), [`${tag} old`]);
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], timestamp: '1d' }), [`${tag} fresh`, `${tag} other`]);
      const epoch = String(Math.floor((clock.now().getTime() - 2 * DAY) / 1000));
      assert.deepEqual(await infos({ tags: [`${tag}:green`, `${tag}:red`], timestamp: ['4d', epoch] }), [`${tag} old`]);
      assert.deepEqual(await values({ value: all, timestamp: '1d', type: 'ip-dst' }), ['203.0.113.2', '203.0.113.3']);
    });

    test('limit/page with X-Result-Count; pages partition the result', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const r = await call('POST', 'attributes/restSearch', { value: all, limit: 2, page });
        assert.equal(r.headers.get('x-result-count'), '6');
        const got = unwrapResponse(r.json).Attribute.map((a: any) => a.value);
        assert.equal(got.length, 2);
        seen.push(...got);
      }
      assert.deepEqual(seen.sort(), all);
      const beyond = await call('POST', 'attributes/restSearch', { value: all, limit: 2, page: 4 });
      assert.deepEqual(unwrapResponse(beyond.json).Attribute, []);
      const events = await call('POST', 'events/restSearch', { tags: [`${tag}:green`, `${tag}:red`], limit: '1', page: '2' });
      assert.equal(events.headers.get('x-result-count'), '3');
      assert.equal(unwrapResponse(events.json).length, 1);
      // Named parameters work as well as the body.
      const named = await call('POST', 'attributes/restSearch/limit:1/page:1', { value: all });
      assert.equal(unwrapResponse(named.json).Attribute.length, 1);
    });

    test('includeEventTags, includeContext, metadata', async () => {
      const plain = unwrapResponse((await call('POST', 'attributes/restSearch', { value: '203.0.113.2' })).json).Attribute[0];
      assert.deepEqual(plain.Tag.map((t: any) => t.name), [`${tag}:attr`]);
      const withEventTags = unwrapResponse((await call('POST', 'attributes/restSearch', { value: '203.0.113.2', includeEventTags: 1 })).json).Attribute[0];
      assert.deepEqual(withEventTags.Tag.map((t: any) => t.name).sort(), [`${tag}:attr`, `${tag}:red`]);
      const ctx = unwrapResponse((await call('POST', 'attributes/restSearch', { value: '203.0.113.2', includeContext: 1 })).json).Attribute[0];
      assert.equal(ctx.Event.info, `${tag} fresh`);
      assert.ok(ctx.Event.Orgc && ctx.Event.date && ctx.Event.threat_level_id);
      const meta = unwrapResponse((await call('POST', 'events/restSearch', { value: '203.0.113.2', metadata: 1 })).json)[0];
      assert.deepEqual(meta.Event.Attribute, []);
    });

    test('returnFormat csv, text, suricata, snort, stix2 (through the export writers)', async () => {
      const csv = await call('POST', 'attributes/restSearch', { returnFormat: 'csv', value: all });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      assert.equal(csv.text.trim().split('\n').length, 7);
      const text = await call('POST', 'attributes/restSearch', { returnFormat: 'text', value: all });
      // text is an IDS export: published events, to_ids attributes.
      assert.deepEqual(text.text.trim().split('\n').sort(), ['203.0.113.1', 'd41d8cd98f00b204e9800998ecf8427e']);
      const suricata = await call('POST', 'events/restSearch', { returnFormat: 'suricata', value: '203.0.113.1' });
      assert.equal(suricata.status, 200);
      assert.match(suricata.text, /alert ip .*203\.0\.113\.1/);
      const snort = await call('POST', 'attributes/restSearch', { returnFormat: 'snort', type: 'ip-dst', value: all });
      assert.match(snort.text, /203\.0\.113\.1/);
      const stix = await call('POST', 'attributes/restSearch', { returnFormat: 'stix2', value: '203.0.113.2' });
      const bundle = JSON.parse(stix.text);
      assert.equal(bundle.type, 'bundle');
      assert.ok(bundle.objects.some((o: any) => o.type === 'indicator' && o.pattern.includes('203.0.113.2')));
    });

    test('combined filters narrow together', async () => {
      assert.deepEqual(await values({ tags: { OR: [`${tag}:green`, `${tag}:red`] }, type: 'ip-dst', to_ids: 1, org: A.orgName, timestamp: '1d' }), ['203.0.113.2']);
      assert.deepEqual(await infos({ value: '203.0.113.%', tags: [`!${tag}:red`], published: false }), [`${tag} other`]);
    });

    test('bad input: MISP-style 4xx JSON naming the offending parameter or value; nothing else happens', async () => {
      await bad('attributes', { value: all, colour: 'red' }, /Unknown attributes\/restSearch filter "colour"/);
      await bad('events', { to_ids: 1 }, /"to_ids".*attributes\/restSearch/);
      await bad('events', { last: '1x' }, /Invalid last "1x"/);
      await bad('attributes', { last: 'yesterday' }, /Invalid last "yesterday"/);
      await bad('attributes', { timestamp: ['1d', '2d', '3d'] }, /timestamp/);
      await bad('attributes', { returnFormat: 'xml' }, /Unknown returnFormat "xml"/);
      await bad('events', { returnFormat: 'yara' }, /Unknown returnFormat "yara"/);
      await bad('attributes', { limit: 0 }, /Invalid limit 0/);
      await bad('attributes', { page: 'two', limit: 1 }, /Invalid page "two"/);
      await bad('attributes', { tags: { XOR: ['a'] } }, /unknown operator "XOR"/);
      await bad('attributes', { to_ids: 'maybe' }, /Invalid to_ids "maybe"/);
      await bad('attributes', { enforceWarninglist: 1 }, /enforceWarninglist is not supported/);
      await bad('attributes', { returnFormat: 'csv', limit: 1, page: 2 }, /page 2/);
      await bad('attributes', { eventid: '987654' }, /Event "987654" was not found/, 404);
      await bad('attributes', { org: 'no such org' }, /Organisation "no such org" was not found/, 404);
      await bad('attributes', [1, 2], /JSON object/);
      await bad('attributes', '{"value": ', /not valid JSON/);
    });
  });
}
