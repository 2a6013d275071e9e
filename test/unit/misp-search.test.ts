import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAttributeSearch, decodeEventSearch, MispSearchRefs, restSearchParams } from '../../src/server/misp-rest/misp-search';
import { decodeNewEvent, unwrap } from '../../src/server/misp-rest/misp-decode';
import { isAppError } from '../../src/shared/errors';

/** MISP's restSearch language → the hub's filters, as a table (pure: the id lookups are given). */
const refs: MispSearchRefs = {
  eventUuid: async (r) => (/^\d+$/.test(r) ? `event-of-${r}` : r.toLowerCase()),
  orgUuid: async (r) => `org-of-${r}`,
};
const NOW = new Date('2026-12-05T12:00:00Z');

test('attribute filters map onto AttributeFilter', async () => {
  const rows: Array<[Record<string, unknown>, Record<string, unknown>]> = [
    [{ value: '1.2.3.4' }, { value: '1.2.3.4' }],
    [{ value: ['a.example', 'b.example'] }, { values: ['a.example', 'b.example'] }],
    [{ type: 'ip-dst' }, { type: ['ip-dst'] }],
    [{ category: ['Network activity'] }, { category: ['Network activity'] }],
    [{ org: ['1', 'ACME'] }, { creatorOrgId: ['org-of-1', 'org-of-ACME'] }],
    [{ tags: ['tlp:green', '!tlp:red'] }, { tags: ['tlp:green', '!tlp:red'] }],
    [{ tags: 'tlp:green' }, { tags: ['tlp:green'] }],
    [{ tags: { AND: ['a'], OR: ['b', 'c'], NOT: ['d'] } }, { tagFilter: { all: ['a'], any: ['b', 'c'], none: ['d'] } }],
    [{ eventid: 7 }, { eventId: 'event-of-7' }],
    [{ published: 1 }, { published: true }],
    [{ published: [0, 1] }, {}],
    [{ to_ids: '0' }, { toIds: false }],
    [{ deleted: true }, { deleted: true }],
    [{ last: '1d' }, { publishTimestamp: { from: '1d' } }],
    [{ publish_timestamp: ['2d', '1d'] }, { publishTimestamp: { from: '2d', to: '1d' } }],
    [{ timestamp: 1764900000 }, { timestamp: { from: '1764900000' } }],
    [{ from: '2026-01-01', to: '1d' }, { dateFrom: '2026-01-01', dateTo: '2026-12-04' }],
    [{ quickFilter: 'evil' }, { quickFilter: 'evil' }],
    [{ searchall: 'evil' }, { quickFilter: 'evil' }],
    [{ request: { value: 'x.example' } }, { value: 'x.example' }],
  ];
  for (const [params, filter] of rows) {
    const got = await decodeAttributeSearch(params, refs, NOW);
    assert.deepEqual({ ...got.filter }, filter, JSON.stringify(params));
  }
  const paged = await decodeAttributeSearch({ limit: '10', page: 3, returnFormat: 'csv', includeEventTags: 1, uuid: ['A-B'] }, refs, NOW);
  assert.deepEqual([paged.limit, paged.page, paged.returnFormat, paged.includeEventTags, paged.uuids], [10, 3, 'csv', true, ['a-b']]);
});

test('event filters map onto EventFilter', async () => {
  const rows: Array<[Record<string, unknown>, Record<string, unknown>]> = [
    [{ value: '1.2.3.4', type: 'ip-dst' }, { value: '1.2.3.4', attributeType: ['ip-dst'] }],
    [{ eventid: [1, 'ABC'], uuid: 'def' }, { ids: ['event-of-1', 'abc', 'def'] }],
    [{ eventinfo: 'phish' }, { info: 'phish' }],
    [{ attribute_timestamp: '12h' }, { attributeTimestamp: { from: '12h' } }],
  ];
  for (const [params, filter] of rows) assert.deepEqual({ ...(await decodeEventSearch(params, refs, NOW)).filter }, filter, JSON.stringify(params));
});

test('bad input is BAD_USER_INPUT naming the parameter and value', async () => {
  const rows: Array<['events' | 'attributes', unknown, RegExp]> = [
    ['attributes', { colour: 'red' }, /Unknown attributes\/restSearch filter "colour"/],
    ['events', { category: 'x' }, /"category".*attributes\/restSearch/],
    ['attributes', { last: '1x' }, /Invalid last "1x"/],
    ['attributes', { timestamp: [1] }, /Invalid timestamp/],
    ['attributes', { returnFormat: 'xml' }, /Unknown returnFormat "xml"/],
    ['attributes', { limit: -1 }, /Invalid limit -1/],
    ['attributes', { limit: 100_001 }, /Invalid limit 100001/],
    ['attributes', { type: '!ip-dst' }, /negation/],
    ['attributes', { tags: { XOR: [] } }, /unknown operator "XOR"/],
    ['attributes', { includeDecayScore: 1 }, /includeDecayScore is not supported/],
    ['attributes', { to_ids: 'yes' }, /Invalid to_ids "yes"/],
    ['attributes', { eventid: [1, 2] }, /one value/],
    ['attributes', [1], /JSON object/],
  ];
  for (const [controller, params, message] of rows) {
    const decode = controller === 'events' ? decodeEventSearch : decodeAttributeSearch;
    await assert.rejects(
      async () => decode(Array.isArray(params) ? params : restSearchParams(params, {}), refs, NOW),
      (e: unknown) => isAppError(e) && e.code === 'BAD_USER_INPUT' && message.test(e.message),
      `${controller} ${JSON.stringify(params)}`,
    );
  }
});

test('event bodies: wrapped or not, numbers as strings, MISP defaults', async () => {
  const sg = { sharingGroupUuid: async (r: string) => `sg-${r}` };
  const wrapped = await decodeNewEvent(unwrap({ Event: { info: 'x', distribution: '4', sharing_group_id: '3', threat_level_id: '1', analysis: 2, Tag: [{ name: 'a' }, 'b'] } }, 'Event'), sg);
  assert.deepEqual({ ...wrapped }, { info: 'x', distribution: 4, sharingGroupId: 'sg-3', threatLevel: 1, analysis: 2, tags: ['a', 'b'] });
  const bare = await decodeNewEvent(unwrap({ info: 'y' }, 'Event'), sg);
  assert.equal(bare.distribution, 0, 'MISP\'s default: your organisation only');
  for (const [body, message] of [
    [{ distribution: '0' }, /info is required/],
    [{ info: 'x', distribution: '5' }, /Invalid distribution "5"/],
    [{ info: 'x', threat_level_id: '9' }, /Invalid threat_level_id "9"/],
    [{ info: 'x', Tag: [{}] }, /Invalid Tag\[0\]/],
    [{ info: 'x', uuid: 'nope' }, /uuid/],
  ] as const) {
    await assert.rejects(async () => decodeNewEvent(body as never, sg), (e: unknown) => isAppError(e) && message.test(e.message), JSON.stringify(body));
  }
});
