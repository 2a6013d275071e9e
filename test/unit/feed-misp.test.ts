import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allAttributes, parseHashesCsv, parseManifest, parseMispEvent, type ManifestProblem } from '../../src/modules/feed/parsers/misp-feed';
import { FeedFormatError } from '../../src/modules/feed/parsers/misp-fields';

const EV = '5abf6421-c1b8-477b-a9d2-9c0902de0b81';
const ORG = '55f6ea5e-2c60-40e5-964f-47a8950d210f';
const A1 = '8df593ee-c8da-405c-9acd-334ab65fa949';
const A2 = 'a2d64c21-4435-4cc1-a959-e9528eaae47c';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const attr = (over: Record<string, unknown> = {}) => ({
  uuid: A1,
  type: 'domain',
  category: 'Network activity',
  value: 'Evil.COM',
  to_ids: true,
  comment: '',
  timestamp: '1675807200',
  ...over,
});

const event = (over: Record<string, unknown> = {}) => ({
  Event: {
    uuid: EV,
    info: 'OSINT - test',
    date: '2018-03-31',
    threat_level_id: '3',
    analysis: '2',
    timestamp: '1550652109',
    publish_timestamp: '1550652109',
    published: true,
    Orgc: { name: 'CIRCL', uuid: ORG },
    Tag: [{ name: 'tlp:white', colour: '#ffffff', local: false, relationship_type: '' }],
    Attribute: [attr()],
    ...over,
  },
});

function assertFormatError(fn: () => unknown, field: string, value: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FeedFormatError, `expected FeedFormatError, got ${String(e)}`);
    assert.equal(e.field, field);
    assert.ok(e.message.includes(field), `"${e.message}" should name ${field}`);
    assert.ok(e.message.includes(value), `"${e.message}" should quote ${value}`);
    return true;
  });
}

describe('parseMispEvent', () => {
  test('a complete event: fields typed, values normalised', () => {
    const e = parseMispEvent(event());
    assert.equal(e.uuid, EV);
    assert.equal(e.info, 'OSINT - test');
    assert.equal(e.date, '2018-03-31');
    assert.equal(e.threatLevelId, 3);
    assert.equal(e.analysis, 2);
    assert.equal(e.timestamp, 1550652109);
    assert.equal(e.publishTimestamp, 1550652109);
    assert.equal(e.published, true);
    assert.deepEqual(e.orgc, { uuid: ORG, name: 'CIRCL' });
    assert.deepEqual(e.tags, [{ name: 'tlp:white', local: false, colour: '#ffffff' }]);
    assert.equal(e.attributes.length, 1);
    assert.deepEqual(e.attributes[0], {
      uuid: A1,
      type: 'domain',
      category: 'Network activity',
      value: 'evil.com',
      toIds: true,
      comment: '',
      timestamp: 1675807200,
      deleted: false,
      disableCorrelation: false,
      tags: [],
      clusters: [],
      sightings: [],
      proposals: [],
    });
    assert.deepEqual(e.problems, []);
    assert.equal(e.attributeCountInFile, 1);
  });

  test('bare event (no "Event" wrapper), numbers as numbers', () => {
    const e = parseMispEvent({ ...event().Event, threat_level_id: 1, analysis: 0, timestamp: 1715767121 });
    assert.equal(e.threatLevelId, 1);
    assert.equal(e.analysis, 0);
    assert.equal(e.timestamp, 1715767121);
  });

  // [raw to_ids, expected]
  const BOOLS: Array<[unknown, boolean]> = [
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
    ['true', true],
    ['False', false],
  ];
  for (const [raw, expected] of BOOLS) {
    test(`to_ids ${JSON.stringify(raw)} → ${expected}`, () => {
      const e = parseMispEvent(event({ Attribute: [attr({ to_ids: raw, deleted: raw, disable_correlation: raw })] }));
      assert.equal(e.attributes[0].toIds, expected);
      assert.equal(e.attributes[0].deleted, expected);
      assert.equal(e.attributes[0].disableCorrelation, expected);
    });
  }

  test('defaults: to_ids from the type, category from the type', () => {
    const e = parseMispEvent(
      event({ Attribute: [{ type: 'comment', value: 'x' }, { type: 'ip-dst', value: '1.2.3.4' }] }),
    );
    assert.deepEqual(
      e.attributes.map((a) => [a.category, a.toIds, a.uuid]),
      [
        ['Other', false, undefined],
        ['Network activity', true, undefined],
      ],
    );
  });

  test('optional attribute fields', () => {
    const e = parseMispEvent(
      event({
        Attribute: [
          attr({
            distribution: '5',
            first_seen: '2023-02-08T00:00:00+00:00',
            last_seen: '2023-02-09T00:00:00Z',
            object_relation: 'domain',
            Tag: [{ name: 'kill-chain:c2', local: 1 }],
          }),
        ],
      }),
    );
    const a = e.attributes[0];
    assert.equal(a.distribution, 5);
    assert.equal(a.firstSeen, '2023-02-08T00:00:00.000Z');
    assert.equal(a.lastSeen, '2023-02-09T00:00:00.000Z');
    assert.equal(a.objectRelation, 'domain');
    assert.deepEqual(a.tags, [{ name: 'kill-chain:c2', local: true }]);
  });

  // [event override, field named, value quoted]
  const BAD_EVENTS: Array<[string, Record<string, unknown>, string, string]> = [
    ['no uuid', { uuid: undefined }, 'Event.uuid', 'undefined'],
    ['bad uuid', { uuid: 'not-a-uuid' }, 'Event.uuid', '"not-a-uuid"'],
    ['info not a string', { info: { x: 1 } }, 'Event.info', '{"x":1}'],
    ['threat level out of range', { threat_level_id: '9' }, 'Event.threat_level_id', '"9"'],
    ['analysis not a number', { analysis: 'done' }, 'Event.analysis', '"done"'],
    ['timestamp not a number', { timestamp: 'yesterday' }, 'Event.timestamp', '"yesterday"'],
    ['published not a boolean', { published: 'maybe' }, 'Event.published', '"maybe"'],
    ['bad date', { date: '31/03/2018' }, 'Event.date', '"31/03/2018"'],
    ['Orgc without uuid', { Orgc: { name: 'X' } }, 'Event.Orgc.uuid', 'undefined'],
    ['Attribute not a list', { Attribute: { a: 1 } }, 'Event.Attribute', '{"a":1}'],
    ['Object not a list', { Object: 'x' }, 'Event.Object', '"x"'],
  ];
  for (const [name, over, field, value] of BAD_EVENTS) {
    test(`bad event (${name}) → FeedFormatError naming ${field}`, () => {
      assertFormatError(() => parseMispEvent(event(over)), field, value);
    });
  }

  test('not an object at all → FeedFormatError', () => {
    for (const bad of [null, 42, 'x', [], { Event: [] }]) assert.throws(() => parseMispEvent(bad), FeedFormatError);
  });

  test('bad attributes are reported and left out; the event survives', () => {
    const e = parseMispEvent(
      event({
        Attribute: [
          attr({ uuid: A1, type: 'urls', value: 'https://x.example' }), // unknown type
          attr({ uuid: A2, type: 'ip-dst', value: '999.1.1.1' }), // invalid value
          attr({ uuid: undefined, type: 'md5', category: 'Person', value: MD5 }), // category not allowed
          attr({ uuid: 'nope', value: 'ok.example' }), // bad uuid
          attr({ value: undefined }), // no value
          'not an object',
          attr({ uuid: undefined, type: 'md5', category: undefined, value: MD5.toUpperCase(), to_ids: 'perhaps' }), // bad boolean
          attr({ uuid: undefined, type: 'md5', category: null, value: MD5.toUpperCase() }), // the only good one
        ],
      }),
    );
    assert.deepEqual(
      e.attributes.map((a) => a.value),
      [MD5],
    );
    assert.equal(e.attributeCountInFile, 8);
    assert.deepEqual(
      e.problems.map((p) => [p.index, p.path, p.uuid]),
      [
        [0, 'Attribute[0]', A1],
        [1, 'Attribute[1]', A2],
        [2, 'Attribute[2]', undefined],
        [3, 'Attribute[3]', undefined],
        [4, 'Attribute[4]', A1],
        [5, 'Attribute[5]', undefined],
        [6, 'Attribute[6]', undefined],
      ],
    );
    assert.match(e.problems[0].message, /Unknown attribute type "urls"/);
    assert.match(e.problems[1].message, /999\.1\.1\.1/);
    assert.match(e.problems[2].message, /Category "Person" is not allowed/);
    assert.match(e.problems[3].message, /Attribute\[3\]\.uuid.*"nope"/);
    assert.match(e.problems[4].message, /Attribute\[4\]\.value/);
    assert.match(e.problems[6].message, /to_ids.*"perhaps"/);
  });

  test('objects: attributes, references, flattened problem indexes', () => {
    const O1 = '9f8377a2-614a-4c95-b23c-9843916ce750';
    const e = parseMispEvent(
      event({
        Attribute: [attr()],
        Object: [
          {
            name: 'file',
            'meta-category': 'file',
            uuid: O1,
            template_uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
            template_version: '7',
            timestamp: '1522492579',
            ObjectReference: [
              { referenced_uuid: A1, relationship_type: 'analysed-with', uuid: A2 },
              { relationship_type: 'broken' },
            ],
            Attribute: [
              attr({ uuid: undefined, type: 'md5', category: 'Payload delivery', value: MD5, object_relation: 'md5' }),
              attr({ uuid: undefined, type: 'sha1', category: 'Payload delivery', value: 'xyz', object_relation: 'sha1' }),
            ],
          },
          { name: '', Attribute: [attr(), attr()] }, // unnamed object: left out with its 2 attributes
          { name: 'domain-ip', Attribute: [attr({ uuid: A2, object_relation: 'domain' })] },
        ],
      }),
    );
    assert.equal(e.attributeCountInFile, 6);
    assert.deepEqual(
      e.objects.map((o) => [o.name, o.attributes.length, o.references.length]),
      [
        ['file', 1, 1],
        ['domain-ip', 1, 0],
      ],
    );
    assert.equal(e.objects[0].metaCategory, 'file');
    assert.equal(e.objects[0].templateVersion, '7');
    assert.deepEqual(
      e.problems.map((p) => [p.index, p.path]),
      [
        [-1, 'Object[0].ObjectReference[1]'],
        [2, 'Object[0].Attribute[1]'],
        [3, 'Object[1]'],
      ],
    );
    assert.deepEqual(
      [...allAttributes(e)].map((a) => [a.type, a.object?.name]),
      [
        ['domain', undefined],
        ['md5', 'file'],
        ['domain', 'domain-ip'],
      ],
    );
  });

  test('a bad tag is reported, the rest kept', () => {
    const e = parseMispEvent(event({ Tag: [{ name: 'tlp:white' }, { colour: '#fff' }, 'osint'] }));
    assert.deepEqual(
      e.tags.map((t) => t.name),
      ['tlp:white', 'osint'],
    );
    assert.deepEqual(
      e.problems.map((p) => p.path),
      ['Event.Tag[1]'],
    );
  });
});

describe('parseManifest', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    Orgc: { name: 'Infoblox', uuid: ORG },
    Tag: [{ colour: '#ffffff', local: false, name: 'tlp:white', relationship_type: '' }],
    info: 'c2_beacon_20230414_iocs',
    date: '2023-04-14',
    analysis: 2,
    threat_level_id: 1,
    timestamp: 1715767121,
    ...over,
  });

  test('entries typed; timestamps as numbers or strings', () => {
    const m = parseManifest({ [EV.toUpperCase()]: entry(), [A1]: entry({ timestamp: '1715767122', publish_timestamp: '1715767123' }) });
    assert.equal(m.size, 2);
    assert.deepEqual(m.get(EV), {
      info: 'c2_beacon_20230414_iocs',
      timestamp: 1715767121,
      tags: ['tlp:white'],
      orgc: { uuid: ORG, name: 'Infoblox' },
      date: '2023-04-14',
      threatLevelId: 1,
      analysis: 2,
    });
    assert.equal(m.get(A1)!.timestamp, 1715767122);
    assert.equal(m.get(A1)!.publishTimestamp, 1715767123);
  });

  test('bad manifests → FeedFormatError naming field and value', () => {
    assertFormatError(() => parseManifest([]), 'manifest', '[]');
    assertFormatError(() => parseManifest({ 'not-a-uuid': entry() }), 'manifest', '"not-a-uuid"');
    assertFormatError(() => parseManifest({ [EV]: entry({ timestamp: undefined }) }), `manifest["${EV}"].timestamp`, 'undefined');
    assertFormatError(() => parseManifest({ [EV]: entry({ threat_level_id: 7 }) }), `manifest["${EV}"].threat_level_id`, '7');
    assertFormatError(() => parseManifest({ [EV]: 'x' }), `manifest["${EV}"]`, '"x"');
  });

  test('with a problems list, bad entries are collected and skipped', () => {
    const problems: ManifestProblem[] = [];
    const m = parseManifest({ [EV]: entry(), [A1]: entry({ timestamp: 'soon' }), nope: entry() }, problems);
    assert.deepEqual([...m.keys()], [EV]);
    assert.deepEqual(
      problems.map((p) => p.key),
      [A1, 'nope'],
    );
  });
});

describe('parseHashesCsv', () => {
  test('md5/sha1/sha256 lines; blank lines ignored; bad lines reported', () => {
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    const r = parseHashesCsv(`${MD5},${EV}\r\n${sha1.toUpperCase()},${A1}\n\nzz,${EV}\n${MD5}\n${MD5},nope\n`);
    assert.deepEqual(r.entries, [
      { hash: MD5, eventUuid: EV },
      { hash: sha1, eventUuid: A1 },
    ]);
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [4, 5, 6],
    );
  });
});
