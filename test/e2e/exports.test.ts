import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  AddAttributesDocument,
  AttributeFieldsFragment,
  AttributesDocument,
  AttributeFilter,
  CreateEventDocument,
  EventDocument,
  ExportAttributesDocument,
  PublishEventDocument,
  PushEventsDocument,
  TagAttributeDocument,
} from '../../src/generated/graphql';
import { CSV_COLUMNS } from '../../src/modules/export/export-lines';
import { RULE_TYPES } from '../../src/modules/export/export-rules';
import { stixPattern, TLP_MARKINGS } from '../../src/modules/export/export-stix';
import { parseHashesCsv, parseManifest, parseMispEvent } from '../../src/modules/feed/parsers/misp-feed';
import { GraphqlClient } from '../../src/shared/graphql-client';
import { testDatabases } from '../support/databases';
import { expectError, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, userIn } from '../support/hub';
import { mispEventToWire } from '../support/misp-import';
import { createStixValidator } from '../support/stix21-schemas';

/**
 * Exports (issue 6 part 4) over real HTTP: every format parsed back and compared with what the same
 * caller sees through GraphQL; access rules with several organisations; the MISP feed read by the
 * hub's own MISP-feed parser and re-imported into a second hub; bad input.
 */

interface Http {
  status: number;
  headers: Headers;
  text: string;
}

const httpBase = (hub: TestHub) => hub.url.replace(/\/graphql$/, '');

async function httpGet(hub: TestHub, path: string, key?: string, init: RequestInit = {}): Promise<Http> {
  const res = await fetch(`${httpBase(hub)}${path}`, { ...init, headers: { ...(key ? { authorization: key } : {}), ...(init.headers ?? {}) } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const exportPath = (format: string, filter?: AttributeFilter, extra = '') =>
  `/export/${format}${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : '?'}${extra}`;

/** Every attribute the client sees through GraphQL for a filter (the truth exports are compared with). */
async function visibleAttributes(client: GraphqlClient, filter: AttributeFilter = {}): Promise<AttributeFieldsFragment[]> {
  const out: AttributeFieldsFragment[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { attributes: { edges: Array<{ node: AttributeFieldsFragment }>; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = ok(
      await client.request(AttributesDocument, { filter, first: 500, after }),
    );
    out.push(...page.attributes.edges.map((e) => e.node));
    if (!page.attributes.pageInfo.hasNextPage) return out;
    after = page.attributes.pageInfo.endCursor ?? null;
  }
}

/** A Suricata/Snort rule: header, then `(key:value; ...)` options (quoted values may hold nothing special). */
const RULE_RE = /^alert (ip|tcp|udp|icmp|dns|http) (\S+) (\S+) -> (\S+) (\S+) \((.+)\)$/;
interface Rule {
  proto: string;
  options: Array<[string, string | null]>;
}
function parseRule(line: string): Rule {
  const m = RULE_RE.exec(line);
  assert.ok(m, `not a rule: ${line}`);
  const options: Array<[string, string | null]> = [];
  // Options end with ';' outside quotes; quoted strings hold no '"' or ';' (they are hex-escaped).
  const re = /\s*([a-z_.0-9]+)(?::((?:"[^"]*"|[^;"])*))?;/gy;
  let rest = m[6];
  let o: RegExpExecArray | null;
  let consumed = 0;
  while ((o = re.exec(rest))) {
    options.push([o[1], o[2] ?? null]);
    consumed = re.lastIndex;
  }
  rest = rest.slice(consumed).trim();
  assert.equal(rest, '', `unparsed option text in ${line}`);
  return { proto: m[1], options };
}
const opt = (r: Rule, key: string) => r.options.filter(([k]) => k === key).map(([, v]) => v);
const unquote = (v: string | null) => {
  assert.ok(v && /^"[^"]*"$/.test(v), `not a quoted string: ${v}`);
  return v.slice(1, -1);
};
const decodeContent = (s: string) =>
  Buffer.concat(s.split(/(\|[0-9A-F ]+\|)/).map((p) => (/^\|[0-9A-F ]+\|$/.test(p) ? Buffer.from(p.slice(1, -1).replace(/ /g, ''), 'hex') : Buffer.from(p, 'latin1')))).toString('utf8');

for (const database of testDatabases()) {
  describe(`exports (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser; // owns EA1 (community, published), EA2 (org only, published), EA3 (community, unpublished)
    let B: OrgWithUser; // owns EB1 (community, published) with one org-only attribute
    let C: OrgWithUser; // sees EA1, EA3 and EB1's community attribute
    const ev = { ea1: '', ea2: '', ea3: '', eb1: '' };
    const secrets = ['203.0.113.99', 'secret-a.example', 'b-private.example'];
    let redAttr = '';

    const createEvent = async (o: OrgWithUser, info: string, distribution: 'COMMUNITY_ONLY' | 'ORGANISATION_ONLY', tags: string[] = []) =>
      ok(await o.client.request(CreateEventDocument, { input: { info, distribution, tags } })).createEvent.id;
    const add = async (o: OrgWithUser, eventId: string, attributes: Array<Record<string, unknown>>) =>
      ok(await o.client.request(AddAttributesDocument, { eventId, attributes: attributes as never })).addAttributes;

    before(async () => {
      hub = await startTestHub(database);
      [A, B, C] = await Promise.all([orgWithUser(hub, 'ORG_ADMIN'), orgWithUser(hub), orgWithUser(hub)]);
      ev.ea1 = await createEvent(A, 'Export test: "quoted"; info, with | pipes', 'COMMUNITY_ONLY', ['tlp:green', 'campaign:export-test']);
      const ea1 = await add(A, ev.ea1, [
        { type: 'ip-dst', value: '203.0.113.10' },
        { type: 'ip-src', value: '2001:db8::1' },
        { type: 'ip-dst|port', value: '203.0.113.11|8443' },
        { type: 'domain', value: 'evil-export.example' },
        { type: 'hostname', value: 'www.evil-export.example' },
        { type: 'url', value: 'https://evil-export.example/a;b?x=1|2' },
        { type: 'email-src', value: 'bad@evil-export.example' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
        { type: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        { type: 'filename|sha1', value: 'drop.exe|da39a3ee5e6b4b0d3255bfef95601890afd80709' },
        { type: 'user-agent', value: 'Mozilla/5.0 "x"; evil|agent', toIds: true },
        { type: 'text', value: 'free text', comment: 'note, with "quotes"\nand a line break', toIds: false },
        { type: 'domain', value: 'benign-export.example', toIds: false },
        { type: 'ip-dst', value: '203.0.113.12' },
      ]);
      redAttr = ea1[ea1.length - 1].id;
      ok(await A.client.request(TagAttributeDocument, { input: { id: redAttr, tag: 'tlp:red' } }));
      ok(await A.client.request(PublishEventDocument, { id: ev.ea1 }));
      ev.ea2 = await createEvent(A, 'Export test private', 'ORGANISATION_ONLY');
      await add(A, ev.ea2, [{ type: 'ip-dst', value: '203.0.113.99' }, { type: 'domain', value: 'secret-a.example' }]);
      ok(await A.client.request(PublishEventDocument, { id: ev.ea2 }));
      ev.ea3 = await createEvent(A, 'Export test unpublished', 'COMMUNITY_ONLY');
      await add(A, ev.ea3, [{ type: 'domain', value: 'unpublished-a.example' }]);
      ev.eb1 = await createEvent(B, 'Export test by B', 'COMMUNITY_ONLY', ['tlp:amber']);
      await add(B, ev.eb1, [{ type: 'domain', value: 'b-public.example' }, { type: 'domain', value: 'b-private.example', distribution: 'ORGANISATION_ONLY' }]);
      ok(await B.client.request(PublishEventDocument, { id: ev.eb1 }));
    });
    after(() => hub?.stop());

    /** C's view of "our" events (other tests' data on this hub is left out by event). */
    const ours = (list: AttributeFieldsFragment[]) => list.filter((a) => Object.values(ev).includes(a.event.id));

    test('CSV: MISP columns, every visible attribute once, values round-trip', async () => {
      const res = await httpGet(hub, exportPath('csv'), C.key);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/csv/);
      const rows = parseCsv(res.text, { columns: true }) as Array<Record<string, string>>;
      assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
      const truth = ours(await visibleAttributes(C.client));
      const mine = rows.filter((r) => Object.values(ev).includes(r.event_id));
      assert.deepEqual(mine.map((r) => r.uuid).sort(), truth.map((a) => a.id).sort());
      const byId = new Map(truth.map((a) => [a.id, a]));
      for (const r of mine) {
        const a = byId.get(r.uuid)!;
        assert.deepEqual([r.type, r.category, r.value, r.comment, r.to_ids, r.event_id], [a.type, a.category, a.value, a.comment ?? '', a.toIds ? '1' : '0', a.event.id]);
        assert.match(r.date, /^\d{8}$/);
      }
      assert.ok(mine.some((r) => r.comment === 'note, with "quotes"\nand a line break'));
    });

    test('plain values: toIds and published by default, the caller may say otherwise', async () => {
      const lines = async (filter?: AttributeFilter) => {
        const res = await httpGet(hub, exportPath('text', filter), C.key);
        assert.equal(res.status, 200);
        return res.text.split('\n').filter(Boolean);
      };
      const truth = ours(await visibleAttributes(C.client));
      const published = new Set([ev.ea1, ev.eb1]);
      const dflt = new Set(await lines());
      const expected = truth.filter((a) => a.toIds && published.has(a.event.id)).map((a) => a.value);
      for (const v of expected) assert.ok(dflt.has(v), `missing ${v}`);
      for (const v of ['benign-export.example', 'free text', 'unpublished-a.example']) assert.ok(!dflt.has(v), `${v} should not be exported by default`);
      const notIds = new Set(await lines({ toIds: false }));
      assert.ok(notIds.has('benign-export.example') && notIds.has('free text') && !notIds.has('evil-export.example'));
      assert.ok(new Set(await lines({ published: false })).has('unpublished-a.example'));
    });

    for (const engine of ['suricata', 'snort'] as const) {
      test(`${engine} rules: syntax, unique sids from sidBase, escaped contents, one or more rules per network attribute`, async () => {
        const res = await httpGet(hub, exportPath(engine, undefined, '&sidBase=5000000'), C.key);
        assert.equal(res.status, 200);
        const lines = res.text.split('\n').filter((l) => l && !l.startsWith('#'));
        const rules = lines.map(parseRule);
        const sids = rules.map((r) => Number(opt(r, 'sid')[0]));
        assert.equal(new Set(sids).size, sids.length, 'sids are unique');
        assert.deepEqual([...sids].sort((a, b) => a - b), sids.map((_, i) => 5_000_000 + i));
        const covered = new Map<string, Rule[]>();
        for (const r of rules) {
          assert.deepEqual(opt(r, 'rev'), ['1']);
          const msg = unquote(opt(r, 'msg')[0]);
          const meta = /misp_event ([0-9a-f-]{36}), misp_attribute ([0-9a-f-]{36})/.exec(opt(r, 'metadata')[0] ?? '');
          assert.ok(meta, 'metadata names the event and attribute');
          assert.ok(msg.includes(meta[1]), 'msg names the event');
          for (const c of opt(r, 'content')) assert.doesNotMatch(unquote(c).replace(/\|[0-9A-F ]+\|/g, ''), /["\\;|:]/);
          if (engine === 'snort') assert.ok(['ip', 'tcp', 'udp', 'icmp'].includes(r.proto) && !r.options.some(([k]) => k.includes('.')), 'snort has no Suricata sticky buffers');
          covered.set(meta[2], [...(covered.get(meta[2]) ?? []), r]);
        }
        const truth = ours(await visibleAttributes(C.client)).filter(
          (a) => a.toIds && [ev.ea1, ev.eb1].includes(a.event.id) && (RULE_TYPES as readonly string[]).includes(a.type),
        );
        assert.deepEqual([...covered.keys()].sort(), truth.map((a) => a.id).sort());
        const byValue = (v: string) => covered.get(truth.find((a) => a.value === v)!.id)!;
        const ua = byValue('Mozilla/5.0 "x"; evil|agent');
        assert.ok(ua.some((r) => opt(r, 'content').map((c) => decodeContent(unquote(c))).includes('Mozilla/5.0 "x"; evil|agent')));
        const url = truth.find((a) => a.type === 'url')!;
        const u = new URL(url.value);
        assert.ok(covered.get(url.id)!.some((r) => opt(r, 'content').map((c) => decodeContent(unquote(c))).includes(`${u.pathname}${u.search}`)));
        const ip = byValue('203.0.113.10')[0];
        assert.ok(RULE_RE.exec(lines[rules.indexOf(ip)])![4] === '203.0.113.10', 'ip-dst is the destination');
        const msg = unquote(opt(ip, 'msg')[0]);
        assert.ok(msg.includes("Export test: 'quoted'' info, with ' pipes"), msg);
      });
    }

    test('STIX 2.1: the bundle validates; indicators, report/grouping, identities and TLP markings', async () => {
      const res = await httpGet(hub, exportPath('stix2'), C.key);
      assert.equal(res.status, 200);
      const bundle = JSON.parse(res.text) as { objects: Array<Record<string, unknown> & { type: string; id: string }> };
      assert.deepEqual(createStixValidator().validateBundle(bundle), []);
      const byId = new Map(bundle.objects.map((o) => [o.id, o]));
      assert.equal(byId.size, bundle.objects.length, 'ids are unique');
      const truth = ours(await visibleAttributes(C.client));
      const expectedIndicators = truth.filter((a) => stixPattern(a.type, a.value));
      for (const a of expectedIndicators) {
        const ind = byId.get(`indicator--${a.id}`);
        assert.ok(ind, `indicator of ${a.type} ${a.value}`);
        assert.equal(ind.pattern, stixPattern(a.type, a.value));
      }
      assert.ok(!byId.has(`indicator--${truth.find((a) => a.type === 'text')!.id}`), 'no indicator for a type without a pattern');
      for (const o of bundle.objects) {
        for (const ref of [...((o.object_refs as string[]) ?? []), ...((o.object_marking_refs as string[]) ?? []), ...(o.created_by_ref ? [o.created_by_ref as string] : [])]) {
          assert.ok(byId.has(ref), `${o.id} refers to ${ref}, which is in the bundle`);
        }
      }
      assert.equal(byId.get(`report--${ev.ea1}`)?.type, 'report');
      assert.equal(byId.get(`report--${ev.eb1}`)?.type, 'report');
      assert.equal(byId.get(`grouping--${ev.ea3}`)?.type, 'grouping', 'an unpublished event is a grouping');
      assert.deepEqual(
        [...(byId.get(`report--${ev.ea1}`)!.object_refs as string[])].sort(),
        expectedIndicators.filter((a) => a.event.id === ev.ea1).map((a) => `indicator--${a.id}`).sort(),
      );
      assert.equal(byId.get(`identity--${A.orgId}`)?.name, A.orgName);
      assert.equal(byId.get(`indicator--${truth.find((a) => a.value === '203.0.113.10')!.id}`)!.created_by_ref, `identity--${A.orgId}`);
      assert.deepEqual(byId.get(`indicator--${truth.find((a) => a.value === '203.0.113.10')!.id}`)!.object_marking_refs, [TLP_MARKINGS.green.id]);
      assert.deepEqual(byId.get(`indicator--${redAttr}`)!.object_marking_refs, [TLP_MARKINGS.red.id], 'the attribute\'s own TLP tag wins');
      assert.deepEqual(byId.get(`report--${ev.eb1}`)!.object_marking_refs, [TLP_MARKINGS.amber.id]);
      for (const t of ['green', 'amber', 'red'] as const) assert.equal(byId.get(TLP_MARKINGS[t].id)?.type, 'marking-definition');
      assert.deepEqual(byId.get(`report--${ev.ea1}`)!.labels, ['campaign:export-test']);
    });

    test('MISP JSON: MISP\'s event shape, every visible attribute and tag, the hub\'s MISP parser reads it', async () => {
      const res = await httpGet(hub, exportPath('misp-json'), C.key);
      assert.equal(res.status, 200);
      const body = JSON.parse(res.text) as { response: Array<{ Event: Record<string, unknown> & { uuid: string; Attribute: Array<{ uuid: string }>; Tag: Array<{ name: string }>; Orgc: { uuid: string } } }> };
      const events = new Map(body.response.map((r) => [r.Event.uuid, r.Event]));
      assert.deepEqual([...events.keys()].filter((u) => Object.values(ev).includes(u)).sort(), [ev.ea1, ev.ea3, ev.eb1].sort());
      const truth = ours(await visibleAttributes(C.client));
      for (const uuid of [ev.ea1, ev.ea3, ev.eb1]) {
        const e = events.get(uuid)!;
        assert.deepEqual(e.Attribute.map((a) => a.uuid).sort(), truth.filter((a) => a.event.id === uuid).map((a) => a.id).sort());
        const parsed = parseMispEvent({ Event: e });
        assert.deepEqual(parsed.problems, []);
        const want = truth.filter((a) => a.event.id === uuid).map((a) => `${a.id} ${a.type} ${a.value} ${a.tags.map((t) => t.name).sort().join(',')}`).sort();
        assert.deepEqual(parsed.attributes.map((a) => `${a.uuid} ${a.type} ${a.value} ${a.tags.map((t) => t.name).sort().join(',')}`).sort(), want);
      }
      assert.deepEqual(events.get(ev.ea1)!.Tag.map((t) => t.name).sort(), ['campaign:export-test', 'tlp:green']);
      assert.equal(events.get(ev.ea1)!.Orgc.uuid, A.orgId);
    });

    test('access: no format gives an organisation data it may not see; the owner gets its own', async () => {
      for (const format of ['csv', 'text', 'suricata', 'snort', 'stix2', 'misp-json']) {
        for (const filter of [undefined, { published: false }, { toIds: false }] as Array<AttributeFilter | undefined>) {
          const res = await httpGet(hub, exportPath(format, filter), C.key);
          assert.equal(res.status, 200);
          for (const s of [...secrets, ev.ea2]) assert.ok(!res.text.includes(s), `${format} ${JSON.stringify(filter)} leaks ${s} to C`);
        }
      }
      const ownA = await httpGet(hub, exportPath('csv'), A.key);
      assert.ok(ownA.text.includes('secret-a.example') && ownA.text.includes('203.0.113.99'));
      assert.ok(!ownA.text.includes('b-private.example'), 'B\'s org-only attribute stays with B');
      const ownB = await httpGet(hub, exportPath('csv'), B.key);
      assert.ok(ownB.text.includes('b-private.example') && !ownB.text.includes('secret-a.example'));
    });

    test('MISP feed: manifest, hashes.csv and events read back by the hub\'s MISP feed parser; re-imported into a second hub unchanged', async () => {
      const manifestRes = await httpGet(hub, '/feeds/misp/manifest.json', B.key);
      assert.equal(manifestRes.status, 200);
      const manifest = parseManifest(JSON.parse(manifestRes.text));
      const ourKeys = [...manifest.keys()].filter((u) => Object.values(ev).includes(u)).sort();
      assert.deepEqual(ourKeys, [ev.ea1, ev.eb1].sort(), 'published events B may see; not A\'s private or unpublished ones');
      assert.equal(manifest.get(ev.ea1)!.info, 'Export test: "quoted"; info, with | pipes');
      assert.deepEqual(manifest.get(ev.ea1)!.orgc, { uuid: A.orgId, name: A.orgName });
      assert.deepEqual([...manifest.get(ev.ea1)!.tags].sort(), ['campaign:export-test', 'tlp:green']);

      const wires = [];
      for (const uuid of ourKeys) {
        const res = await httpGet(hub, `/feeds/misp/${uuid}.json`, B.key);
        assert.equal(res.status, 200);
        const parsed = parseMispEvent(JSON.parse(res.text));
        assert.deepEqual(parsed.problems, []);
        assert.equal(parsed.timestamp, manifest.get(uuid)!.timestamp, 'the event timestamp matches the manifest');
        const view = ok(await B.client.request(EventDocument, { id: uuid })).event!;
        assert.deepEqual(
          parsed.attributes.map((a) => `${a.uuid} ${a.type} ${a.category} ${a.value} ${a.toIds}`).sort(),
          view.attributes.map((a) => `${a.id} ${a.type} ${a.category} ${a.value} ${a.toIds}`).sort(),
        );
        wires.push(mispEventToWire(parsed));
      }
      const hashesRes = await httpGet(hub, '/feeds/misp/hashes.csv', B.key);
      const hashes = parseHashesCsv(hashesRes.text);
      assert.deepEqual(hashes.problems, []);
      const md5 = (v: string) => createHash('md5').update(v).digest('hex');
      const lines = new Set(hashes.entries.map((h) => `${h.hash},${h.eventUuid}`));
      // MISP's rule: composite types are hashed per part only, every other type whole.
      for (const a of ours(await visibleAttributes(B.client, { published: true }))) {
        for (const part of a.type.includes('|') ? a.value.split('|') : [a.value]) {
          assert.ok(lines.has(`${md5(part)},${a.event.id}`), `${a.type} ${part}`);
        }
        if (a.type.includes('|')) assert.ok(!lines.has(`${md5(a.value)},${a.event.id}`), `${a.value} is not hashed whole`);
      }
      for (const s of ['secret-a.example', 'unpublished-a.example']) assert.ok(!hashes.entries.some((h) => h.hash === md5(s)), s);
      // C's feed has no trace of B's org-only attribute.
      assert.ok(!(await httpGet(hub, '/feeds/misp/hashes.csv', C.key)).text.includes(md5('b-private.example')));

      // Invisible is absent: A's private event, an unpublished event and an unknown uuid are all 404.
      const notFound = await Promise.all(
        [ev.ea2, ev.ea3, '00000000-0000-4000-8000-000000000000'].map((u) => httpGet(hub, `/feeds/misp/${u}.json`, B.key)),
      );
      assert.deepEqual(notFound.map((r) => r.status), [404, 404, 404]);
      assert.deepEqual(notFound.map((r) => JSON.parse(r.text).errors[0].extensions.code), ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      assert.equal((await httpGet(hub, '/feeds/misp/manifest.json')).status, 401);

      // Re-import into a second hub through its own API (a sync user pushes the parsed events).
      const other = await startTestHub(database);
      try {
        const R = await orgWithUser(other, 'ORG_ADMIN');
        const sync = await userIn(other, R.orgId, 'SYNC_USER');
        const pushed = ok(await sync.client.request(PushEventsDocument, { hubId: '11111111-1111-4111-8111-111111111111', events: wires })).pushEvents;
        assert.deepEqual([pushed.created, pushed.failed], [wires.length, 0]);
        for (const w of wires) {
          const mine = ok(await B.client.request(EventDocument, { id: w.id })).event!;
          const copy = ok(await other.admin.request(EventDocument, { id: w.id })).event!;
          assert.equal(copy.info, mine.info);
          assert.equal(copy.creatorOrg.id, mine.creatorOrg.id);
          assert.deepEqual(copy.tags.map((t) => t.name).sort(), mine.tags.map((t) => t.name).sort());
          const key = (a: AttributeFieldsFragment) => `${a.id} ${a.type} ${a.category} ${a.value} ${a.toIds} ${a.comment ?? ''} ${a.tags.map((t) => t.name).sort()}`;
          assert.deepEqual(copy.attributes.map(key).sort(), mine.attributes.map(key).sort());
        }
      } finally {
        await other.stop();
      }
    });

    test('bad input: unknown format, bad filters and keys answer with a status and the error catalogue', async () => {
      const err = async (res: Promise<Http>, status: number, code: string, includes?: string) => {
        const r = await res;
        assert.equal(r.status, status, r.text);
        const body = JSON.parse(r.text) as { errors: Array<{ message: string; extensions: { code: string } }> };
        assert.equal(body.errors[0].extensions.code, code);
        if (includes) assert.ok(body.errors[0].message.includes(includes), body.errors[0].message);
      };
      await err(httpGet(hub, '/export/pdf', C.key), 400, 'BAD_USER_INPUT', '"pdf"');
      await err(httpGet(hub, '/export/csv?filter=%7Bnot-json', C.key), 400, 'BAD_USER_INPUT', 'not valid JSON');
      await err(httpGet(hub, exportPath('csv', { toIds: 'yes' } as never), C.key), 400, 'BAD_USER_INPUT', 'toIds');
      await err(httpGet(hub, exportPath('csv', { nope: 1 } as never), C.key), 400, 'BAD_USER_INPUT', 'nope');
      await err(httpGet(hub, exportPath('csv', { distribution: ['EVERYONE'] } as never), C.key), 400, 'BAD_USER_INPUT', 'EVERYONE');
      await err(httpGet(hub, exportPath('suricata', undefined, '&sidBase=abc'), C.key), 400, 'BAD_USER_INPUT', 'abc');
      await err(httpGet(hub, exportPath('suricata', undefined, '&sidBase=0'), C.key), 400, 'BAD_USER_INPUT', 'sidBase');
      await err(
        httpGet(hub, '/export/csv', C.key, { method: 'POST', body: '{"filter":', headers: { 'content-type': 'application/json' } }),
        400,
        'BAD_USER_INPUT',
        'not valid JSON',
      );
      await err(httpGet(hub, '/export/csv'), 401, 'UNAUTHENTICATED');
      await err(httpGet(hub, '/export/csv', 'not-a-key-at-all-0123456789abcdef'), 401, 'UNAUTHENTICATED');
      await err(httpGet(hub, '/feeds/misp/whatever.txt', C.key), 404, 'NOT_FOUND');
      // POST with the filter in the body works like GET.
      const post = await httpGet(hub, '/export/text', C.key, { method: 'POST', body: JSON.stringify({ filter: { eventId: ev.eb1 } }), headers: { 'content-type': 'application/json' } });
      assert.equal(post.status, 200);
      assert.deepEqual(post.text.split('\n').filter(Boolean), ['b-public.example']);
      // GraphQL entry point: same checks, small results inline.
      await expectError(C.client.request(ExportAttributesDocument, { format: 'pdf' }), 'BAD_USER_INPUT', '"pdf"');
      const inline = ok(await C.client.request(ExportAttributesDocument, { format: 'csv', filter: { eventId: ev.ea1 }, first: 2 })).exportAttributes;
      assert.equal(inline.contentType, 'text/csv; charset=utf-8');
      assert.equal((parseCsv(inline.content, { columns: true }) as unknown[]).length, 2);
      // An invisible event simply matches nothing, as in the attribute search.
      const none = ok(await C.client.request(ExportAttributesDocument, { format: 'text', filter: { eventId: ev.ea2 } })).exportAttributes;
      assert.equal(none.content, '');
    });
  });
}
