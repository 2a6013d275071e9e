import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterRelationshipType, clusterStixType, clusterToStix, relationship } from '../../src/modules/export/stix/stix-galaxy';
import { mispObjectToStix, StixObjectInput } from '../../src/modules/export/stix/stix-object';
import { createStixValidator } from '../support/stix21-schemas';
import { stixPatternProblems } from '../support/stix-pattern-grammar';

const ctx = { createdByRef: 'identity--11111111-1111-4111-8111-111111111111', markingRefs: [] };
const at = new Date('2024-01-02T03:04:05.000Z');
const attr = (uuid: string, type: string, value: string, relation: string, toIds: boolean) => ({
  uuid,
  type,
  category: 'Network activity',
  value,
  toIds,
  comment: null,
  timestamp: at,
  firstSeen: null,
  lastSeen: null,
  objectRelation: relation,
});
const object = (name: string, toIds: boolean): StixObjectInput => ({
  uuid: '22222222-2222-4222-8222-222222222222',
  name,
  metaCategory: 'network',
  comment: null,
  timestamp: at,
  firstSeen: null,
  lastSeen: null,
  attributes: [attr('33333333-3333-4333-8333-333333333333', 'domain', 'evil.example', 'domain', toIds), attr('44444444-4444-4444-8444-444444444444', 'ip-dst', '198.51.100.7', 'ip', false)],
});
const valid = (objects: Array<{ id: string; pattern?: unknown }>) => {
  assert.deepEqual(createStixValidator().validateBundle({ type: 'bundle', id: 'bundle--55555555-5555-4555-8555-555555555555', objects }), []);
  for (const o of objects) if (typeof o.pattern === 'string') assert.deepEqual(stixPatternProblems(o.pattern), [], o.pattern);
};

describe('STIX of MISP objects and galaxy clusters', () => {
  test('an IDS domain-ip object is one indicator whose pattern ANDs its attributes', () => {
    const m = mispObjectToStix(object('domain-ip', true), ctx);
    assert.equal(m.main.id, 'indicator--22222222-2222-4222-8222-222222222222');
    assert.equal(m.main.pattern, "[domain-name:value = 'evil.example'] AND [ipv4-addr:value = '198.51.100.7']");
    valid(m.objects);
  });

  test('a non-IDS domain-ip object is one observed-data with both SCOs; another template is an x-misp-object with every attribute', () => {
    const obs = mispObjectToStix(object('domain-ip', false), ctx);
    assert.equal(obs.main.type, 'observed-data');
    assert.deepEqual(obs.objects.slice(1).map((o) => o.type).sort(), ['domain-name', 'ipv4-addr']);
    valid(obs.objects);
    const custom = mispObjectToStix(object('network-connection', true), ctx);
    assert.equal(custom.main.id, 'x-misp-object--22222222-2222-4222-8222-222222222222');
    assert.deepEqual((custom.main.x_misp_attributes as Array<{ value: string }>).map((a) => a.value).sort(), ['198.51.100.7', 'evil.example']);
    valid(custom.objects);
  });

  test('clusters become the SDO of their galaxy type (ATT&CK id as external reference), others a custom object; relationships are typed as STIX says', () => {
    const cluster = (type: string, meta: Record<string, unknown> = {}) => ({
      uuid: '66666666-6666-4666-8666-666666666666',
      tagName: `misp-galaxy:${type}="X"`,
      type,
      value: 'X',
      description: null,
      galaxy: { name: type },
      meta,
      createdAt: at,
    });
    assert.deepEqual(
      ['threat-actor', 'microsoft-activity-group', 'mitre-intrusion-set', 'mitre-malware', 'ransomware', 'botnet', 'mitre-tool', 'mitre-attack-pattern', 'mitre-course-of-action', 'sector'].map(clusterStixType),
      ['threat-actor', 'threat-actor', 'intrusion-set', 'malware', 'malware', 'tool', 'tool', 'attack-pattern', 'course-of-action', 'x-misp-galaxy-cluster'],
    );
    const ap = clusterToStix(cluster('mitre-attack-pattern', { external_id: ['T1098'] }), ctx.createdByRef);
    assert.deepEqual(ap.external_references, [{ source_name: 'mitre-attack', external_id: 'T1098' }]);
    const malware = clusterToStix(cluster('mitre-malware', { synonyms: ['Y'] }), ctx.createdByRef);
    assert.deepEqual([malware.is_family, malware.aliases], [true, ['Y']]);
    const other = clusterToStix(cluster('sector'), ctx.createdByRef);
    assert.equal(other.x_misp_value, 'X');
    assert.equal(clusterRelationshipType('indicator', 'malware'), 'indicates');
    assert.equal(clusterRelationshipType('indicator', 'course-of-action'), 'related-to');
    assert.equal(clusterRelationshipType('observed-data', 'malware'), 'has');
    assert.equal(clusterRelationshipType('campaign', 'threat-actor'), 'attributed-to');
    const rel = relationship('indicator--22222222-2222-4222-8222-222222222222', 'Analysed with', ap.id, ctx.createdByRef, at);
    assert.equal(rel.relationship_type, 'analysed-with');
    assert.equal(rel.id, relationship('indicator--22222222-2222-4222-8222-222222222222', 'Analysed with', ap.id, ctx.createdByRef, at).id, 'deterministic id');
    valid([ap, malware, other, rel]);
  });
});
