import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stixWriter } from '../../src/modules/export/export-stix';
import { ExportAttribute, ExportEvent } from '../../src/modules/export/export-source';
import { attributeToStix } from '../../src/modules/export/stix/stix-attribute';
import { canonicalJson, phaseName, scoId, uuidV5 } from '../../src/modules/export/stix/stix-common';
import { sampleValue } from '../support/attribute-samples';
import { REALWORLD_DIR, realworldSkip } from '../support/paths';
import { createStixValidator } from '../support/stix21-schemas';
import { stixPatternProblems } from '../support/stix-pattern-grammar';

const TYPES = readFileSync(join(REALWORLD_DIR, 'reference/attribute-types.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[0]);

const event: ExportEvent = {
  id: 1,
  uuid: '11111111-1111-4111-8111-111111111111',
  info: 'Every type',
  date: '2024-01-02',
  threatLevel: 'HIGH' as never,
  analysis: 'INITIAL' as never,
  distribution: 'COMMUNITY_ONLY' as never,
  sharingGroup: null,
  ownerOrgId: 1,
  published: true,
  publishedAt: new Date('2024-01-03T00:00:00Z'),
  timestamp: new Date('2024-01-03T00:00:00Z'),
  createdAt: new Date('2024-01-02T00:00:00Z'),
  disableCorrelation: false,
  extendsUuid: null,
  creatorOrg: { uuid: '22222222-2222-4222-8222-222222222222', name: 'Org', createdAt: new Date('2020-01-01T00:00:00Z') },
  tags: [{ name: 'tlp:amber', colour: '#ffc000' }, { name: 'campaign:x', colour: '#000000' }],
};
let n = 0;
const attr = (type: string, value: string, toIds: boolean): ExportAttribute => ({
  id: ++n,
  uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type,
  category: 'Network activity',
  value,
  toIds,
  comment: n % 2 ? 'a comment' : null,
  distribution: 'INHERIT_EVENT' as never,
  timestamp: new Date('2024-01-02T03:04:05Z'),
  deleted: false,
  disableCorrelation: false,
  firstSeen: null,
  lastSeen: null,
  objectRelation: null,
  object: null,
  tags: [],
});

describe('STIX 2.1 mapping of every MISP attribute type', () => {
  test('UUIDv5 and SCO ids follow §2.9 (RFC 4122 test vector; canonical JSON)', () => {
    // RFC 4122 appendix / python uuid.uuid5(NAMESPACE_DNS, 'python.org').
    assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
    assert.equal(canonicalJson({ b: 1, a: 'x' }), '{"a":"x","b":1}');
    assert.match(scoId('ipv4-addr', { value: '198.51.100.3' }), /^ipv4-addr--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(phaseName('Payload delivery'), 'payload-delivery');
    assert.equal(phaseName('Social network'), 'social-network');
  });

  test('no type without a STIX counterpart: the bundle validates and every pattern parses', () => {
    assert.equal(TYPES.length, 194);
    const attributes = TYPES.flatMap((t) => [attr(t, sampleValue(t), true), attr(t, sampleValue(t), false)]);
    const w = stixWriter({ uuid: () => '33333333-3333-4333-8333-333333333333' });
    const bundle = JSON.parse(w.begin() + w.chunk({ event, attributes }) + w.end()) as { objects: Array<Record<string, unknown> & { id: string; type: string }> };
    assert.deepEqual(createStixValidator().validateBundle(bundle), []);
    const byId = new Map(bundle.objects.map((o) => [o.id, o]));
    assert.equal(byId.size, bundle.objects.length, 'ids unique in the bundle');
    const kinds = new Map<string, number>();
    let patterns = 0;
    for (const a of attributes) {
      const main = bundle.objects.find((o) => o.id.endsWith(`--${a.uuid}`));
      assert.ok(main, `${a.type} (to_ids ${a.toIds}) has a STIX object`);
      kinds.set(main.type, (kinds.get(main.type) ?? 0) + 1);
      if (main.type === 'indicator') {
        assert.ok(a.toIds, `${a.type}: only IDS attributes become indicators`);
        assert.deepEqual(stixPatternProblems(main.pattern as string), [], a.type);
        assert.ok(main.name && main.description, 'indicators have name and description');
        assert.deepEqual(main.kill_chain_phases, [{ kill_chain_name: 'misp-category', phase_name: 'network-activity' }]);
        patterns++;
      }
      if (main.type === 'observed-data') assert.ok(!a.toIds, `${a.type}: IDS attributes with a pattern are indicators`);
      if (main.type === 'x-misp-attribute') assert.equal(main.x_misp_value, a.value);
      assert.deepEqual(main.object_marking_refs, ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'], 'event TLP inherited');
      for (const ref of [...((main.object_refs as string[]) ?? []), main.created_by_ref as string]) assert.ok(byId.has(ref), `${a.type}: ${ref} in the bundle`);
    }
    const report = byId.get(`report--${event.uuid}`)!;
    const mains = attributes.map((a) => bundle.objects.find((o) => o.id.endsWith(`--${a.uuid}`))!.id);
    for (const id of mains) assert.ok((report.object_refs as string[]).includes(id), `report lists ${id}`);
    for (const id of report.object_refs as string[]) assert.ok(byId.has(id));
    // What maps how (a change here is a mapping change: say so in the README).
    assert.ok((kinds.get('indicator') ?? 0) >= 50 && patterns === kinds.get('indicator'), JSON.stringify([...kinds]));
    assert.ok((kinds.get('observed-data') ?? 0) >= 50, JSON.stringify([...kinds]));
    for (const t of ['text', 'comment', 'link', 'port', 'datetime', 'size-in-bytes', 'float', 'btc']) {
      const a = attributes.find((x) => x.type === t)!;
      assert.equal(byId.get(`x-misp-attribute--${a.uuid}`)?.x_misp_type, t);
    }
    assert.equal(byId.get(`vulnerability--${attributes.find((x) => x.type === 'vulnerability')!.uuid}`)?.name, 'CVE-2021-44228');
  });

  test('facts from misp-stix: hostname|port keeps its port, domain|ip resolves, IDS off → observed-data', () => {
    const hp = attributeToStix(attr('hostname|port', 'c2.example|8080', true), { createdByRef: 'identity--22222222-2222-4222-8222-222222222222', markingRefs: [] });
    assert.equal(hp.main.pattern, "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'c2.example' AND network-traffic:dst_port = 8080]");
    const obs = attributeToStix(attr('hostname|port', 'c2.example|8080', false), { createdByRef: 'identity--22222222-2222-4222-8222-222222222222', markingRefs: [] });
    assert.equal(obs.main.type, 'observed-data');
    assert.equal(obs.objects.find((o) => o.type === 'network-traffic')?.dst_port, 8080);
    const di = attributeToStix(attr('domain|ip', 'a.example|203.0.113.1', false), { createdByRef: 'identity--22222222-2222-4222-8222-222222222222', markingRefs: [] });
    const ip = di.objects.find((o) => o.type === 'ipv4-addr')!;
    assert.deepEqual(di.objects.find((o) => o.type === 'domain-name')?.resolves_to_refs, [ip.id]);
  });
});

describe('misp-stix golden output: the same SCO shapes', { skip: realworldSkip() }, () => {
  test('SCO property names of misp-stix\'s attribute collection are the ones we write', () => {
    const golden = JSON.parse(readFileSync(join(REALWORLD_DIR, 'misp-json/stix2-pairs/attributes_collection_stix21.json'), 'utf8')) as { objects: Array<Record<string, unknown> & { type: string }> };
    const ours = TYPES.flatMap((t) => attributeToStix(attr(t, sampleValue(t), false), { createdByRef: 'identity--22222222-2222-4222-8222-222222222222', markingRefs: [] }).objects);
    for (const type of ['ipv4-addr', 'domain-name', 'url', 'email-addr', 'autonomous-system', 'mutex', 'mac-addr']) {
      const g = golden.objects.find((o) => o.type === type);
      const o = ours.find((x) => x.type === type);
      if (!g) continue;
      assert.ok(o, `we write ${type}`);
      const props = (x: Record<string, unknown>) => Object.keys(x).filter((k) => !['id', 'spec_version', 'type', 'resolves_to_refs'].includes(k)).sort();
      assert.deepEqual(props(o), props(g), type);
    }
  });
});
