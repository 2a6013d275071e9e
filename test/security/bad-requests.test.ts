import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express from 'express';
import {
  AddAttributeDocument,
  AttributesDocument,
  CreateEventDocument,
  CreateFeedDocument,
  CreateOrganisationDocument,
  CreateSharingGroupDocument,
  CreateTagDocument,
  EventsDocument,
  FetchFeedDocument,
  TagEventDocument,
  UpdateAttributeDocument,
} from '../../src/generated/graphql';
import { httpErrorHandler, notFoundHandler } from '../../src/server/http-errors';
import { createLogger } from '../../src/shared/logger';
import { testDatabases } from '../support/databases';
import { FeedFixtureServer } from '../support/feed-server';
import { expectError, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';

/**
 * Issue 10 "Trust", defect 11: malformed requests get a JSON error (never Express's HTML page with file
 * paths), and control characters in text are refused with BAD_USER_INPUT naming the field, changing
 * nothing — on every input path (API, feeds, sync).
 */

interface JsonError {
  errors: Array<{ message: string; extensions: { code: string } }>;
}

/** A response that must be a JSON error with this status and code, and leak nothing about the server. */
async function expectJsonError(res: Response, status: number, code: string): Promise<string> {
  const text = await res.text();
  assert.equal(res.status, status, `status; body ${text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `content type; body ${text.slice(0, 300)}`);
  for (const leak of ['<html', '<!DOCTYPE', '/work/', 'node_modules', '    at ']) {
    assert.ok(!text.includes(leak), `the body leaks "${leak}": ${text.slice(0, 300)}`);
  }
  const body = JSON.parse(text) as JsonError;
  assert.equal(body.errors?.[0]?.extensions?.code, code, text);
  assert.ok(body.errors[0].message, 'a message');
  return body.errors[0].message;
}

const NUL = '\u0000';

for (const database of testDatabases()) {
  describe(`bad requests (${database.name})`, () => {
    let hub: TestHub;
    let base: string;
    let A: OrgWithUser;
    let eventId: string;
    let attributeId: string;
    const feeds = new FeedFixtureServer();

    /** Rows per table, read with plain SQL (no ORM filters): "nothing changed" is checked on all of them. */
    const TABLES = ['events', 'attributes', 'tags', 'event_tags', 'attribute_tags', 'sharing_groups', 'organisations', 'changes'];
    const counts = async () => {
      const conn = hub.app.orm.em.fork().getConnection();
      const out: Record<string, number> = {};
      for (const t of TABLES) out[t] = Number(((await conn.execute(`select count(*) as n from ${t}`)) as Array<{ n: number | string }>)[0].n);
      return out;
    };
    /** Runs `refused`, expects BAD_USER_INPUT naming `field` and the character, and no row changed. */
    const refusedUnchanged = async (p: () => Promise<unknown>, field: string, char = 'U+0000') => {
      const before = await counts();
      const message = await expectError(p() as never, 'BAD_USER_INPUT', field);
      assert.ok(message.includes(`control character (${char})`), message);
      assert.deepEqual(await counts(), before);
    };

    before(async () => {
      hub = await startTestHub(database, { BODY_LIMIT: '8kb' });
      base = hub.url.replace(/\/graphql$/, '');
      await feeds.start();
      A = await orgWithUser(hub, 'ORG_ADMIN');
      eventId = ok(await A.client.request(CreateEventDocument, { input: { info: 'bad requests target', distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      attributeId = ok(await A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: '192.0.2.1' } })).addAttribute.id;
    });
    after(async () => {
      await feeds.stop();
      await hub?.stop();
    });

    const send = (method: string, path: string, body?: string, contentType = 'application/json') =>
      fetch(base + path, {
        method,
        body,
        headers: { authorization: `Bearer ${hub.adminKey}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      });

    test('malformed JSON is 400 BAD_USER_INPUT on /graphql and /export', async () => {
      await expectJsonError(await send('POST', '/graphql', '{"query": '), 400, 'BAD_USER_INPUT');
      await expectJsonError(await send('POST', '/export/csv', '{"filter": '), 400, 'BAD_USER_INPUT');
    });

    test('a literal null (or a bare string) body is 400 BAD_USER_INPUT', async () => {
      await expectJsonError(await send('POST', '/graphql', 'null'), 400, 'BAD_USER_INPUT');
      await expectJsonError(await send('POST', '/graphql', '"{ me { id } }"'), 400, 'BAD_USER_INPUT');
      await expectJsonError(await send('POST', '/export/csv', 'null'), 400, 'BAD_USER_INPUT');
    });

    test('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
      const big = JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(10_000)}` });
      await expectJsonError(await send('POST', '/graphql', big), 413, 'PAYLOAD_TOO_LARGE');
      await expectJsonError(await send('POST', '/export/csv', big), 413, 'PAYLOAD_TOO_LARGE');
    });

    test('a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE (an export is not run unfiltered)', async () => {
      await expectJsonError(await send('POST', '/graphql', '{ me { id } }', 'application/graphql'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectJsonError(await send('POST', '/export/csv', '<filter/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectJsonError(await send('POST', '/graphql', '{"query":"{ me { id } }"}', 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    test('unknown routes are 404 NOT_FOUND', async () => {
      await expectJsonError(await send('GET', '/nope'), 404, 'NOT_FOUND');
      await expectJsonError(await send('POST', '/graphql-not', '{}'), 404, 'NOT_FOUND');
      await expectJsonError(await send('GET', '/feeds/misp/not-a-file'), 404, 'NOT_FOUND');
      await expectJsonError(await send('GET', '/export'), 404, 'NOT_FOUND');
    });

    test('a wrong method is 405 METHOD_NOT_ALLOWED with Allow', async () => {
      let res = await send('PUT', '/graphql', '{}');
      assert.equal(res.headers.get('allow'), 'GET, POST');
      await expectJsonError(res, 405, 'METHOD_NOT_ALLOWED');
      res = await send('DELETE', '/export/csv');
      assert.equal(res.headers.get('allow'), 'GET, POST');
      await expectJsonError(res, 405, 'METHOD_NOT_ALLOWED');
      await expectJsonError(await send('POST', '/feeds/misp/manifest.json', '{}'), 405, 'METHOD_NOT_ALLOWED');
    });

    test('a URL Express cannot decode is 400 BAD_USER_INPUT', async () => {
      await expectJsonError(await send('GET', '/feeds/misp/%E0%A4%A.json'), 400, 'BAD_USER_INPUT');
    });

    test('NUL in event info is BAD_USER_INPUT naming info; nothing changes', async () => {
      await refusedUnchanged(() => A.client.request(CreateEventDocument, { input: { info: `bad${NUL}info`, distribution: 'COMMUNITY_ONLY' } }), 'info');
      // Other C0 characters too, and line breaks in single-line text.
      await refusedUnchanged(() => A.client.request(CreateEventDocument, { input: { info: 'esc \u001b[31m', distribution: 'COMMUNITY_ONLY' } }), 'info', 'U+001B');
      await refusedUnchanged(() => A.client.request(CreateEventDocument, { input: { info: 'two\nlines', distribution: 'COMMUNITY_ONLY' } }), 'info', 'U+000A');
    });

    test('NUL in an attribute value is BAD_USER_INPUT naming value; nothing changes', async () => {
      await refusedUnchanged(() => A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: `192.0.2.9${NUL}` } }), 'value');
      await refusedUnchanged(() => A.client.request(AddAttributeDocument, { input: { eventId, type: 'text', value: `free${NUL}text` } }), 'value');
      await refusedUnchanged(() => A.client.request(UpdateAttributeDocument, { input: { id: attributeId, value: `192.0.2.1${NUL}` } }), 'value');
    });

    test('NUL in a tag name is BAD_USER_INPUT naming tag; nothing changes', async () => {
      await refusedUnchanged(() => A.client.request(TagEventDocument, { input: { id: eventId, tag: `tlp:${NUL}green` } }), 'tag');
      await refusedUnchanged(() => hub.admin.request(CreateTagDocument, { input: { name: `evil${NUL}tag` } }), 'name');
      await refusedUnchanged(() => A.client.request(CreateEventDocument, { input: { info: 'tagged', distribution: 'COMMUNITY_ONLY', tags: ['ok', `x${NUL}`] } }), 'tags[1]');
    });

    test('NUL in a comment is BAD_USER_INPUT naming comment; line breaks in a comment are fine', async () => {
      await refusedUnchanged(() => A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: '192.0.2.20', comment: `a${NUL}b` } }), 'comment');
      await refusedUnchanged(() => A.client.request(UpdateAttributeDocument, { input: { id: attributeId, comment: `a\u0007b` } }), 'comment', 'U+0007');
      const added = ok(
        await A.client.request(AddAttributeDocument, { input: { eventId, type: 'ip-dst', value: '192.0.2.21', comment: 'line one\r\n\tline two' } }),
      ).addAttribute;
      assert.equal(added.comment, 'line one\r\n\tline two');
    });

    test('NUL in a sharing group name or an organisation name is BAD_USER_INPUT naming name; nothing changes', async () => {
      await refusedUnchanged(() => A.client.request(CreateSharingGroupDocument, { input: { name: `sg${NUL}${unique('x')}` } }), 'name');
      await refusedUnchanged(() => hub.admin.request(CreateOrganisationDocument, { input: { name: `org${NUL}${unique('x')}` } }), 'name');
    });

    test('NUL in a search filter is BAD_USER_INPUT, on GraphQL and on the export route', async () => {
      await expectError(A.client.request(EventsDocument, { filter: { info: `x${NUL}` } }), 'BAD_USER_INPUT', 'filter.info');
      const res = await send('GET', `/export/csv?filter=${encodeURIComponent(JSON.stringify({ value: `1${NUL}` }))}`);
      const message = await expectJsonError(res, 400, 'BAD_USER_INPUT');
      assert.ok(message.includes('filter.value'), message);
    });

    test('a "?" in search text stays text (never taken for a SQL parameter)', async () => {
      const info = unique('qmark');
      const id = ok(await A.client.request(CreateEventDocument, { input: { info, distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      ok(await A.client.request(AddAttributeDocument, { input: { eventId: id, type: 'text', value: 'what?now', comment: "it's a ? test" } }));
      for (const filter of [{ quickFilter: 'what?now' }, { quickFilter: "'s a ?", info }, { quickFilter: '??', info: `${info}%` }]) {
        const found = ok(await A.client.request(EventsDocument, { filter })).events;
        assert.deepEqual(
          found.edges.map((e) => e.node.id),
          filter.quickFilter === '??' ? [] : [id],
          JSON.stringify(filter),
        );
      }
    });

    test('a feed CSV cell with NUL is counted invalid and the rest is ingested', async () => {
      const path = `/${unique('nul')}.csv`;
      // A URL with NUL passes the URL rule; an IP followed by NUL and text would be mined for the IP.
      feeds.set(path, ['192.0.2.50', `http://evil.example/a${NUL}b`, `192.0.2.51 ${NUL}x`, `evil${NUL}.example.com`, '192.0.2.52', ''].join('\n'));
      const feed = ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('feed'), url: `${feeds.url}${path}`, format: 'CSV' } })).createFeed;
      const result = ok(await hub.admin.request(FetchFeedDocument, { id: feed.id })).fetchFeed;
      assert.equal(result.error, null);
      assert.deepEqual([result.new, result.invalid], [2, 3]);
      const values = ok(await hub.admin.request(AttributesDocument, { filter: { eventId: result.eventId! }, first: 100 })).attributes.edges.map((e) => e.node.value);
      assert.deepEqual(values.sort(), ['192.0.2.50', '192.0.2.52']);
    });

    test('sync push: a control character leaves that attribute out, or fails that event, and the rest applies', async () => {
      const sync = await orgWithUser(hub, 'SYNC_USER');
      const creator = { id: randomUUID(), name: unique('remote') };
      const now = new Date().toISOString();
      const attribute = (value: string, comment?: string) => ({
        id: randomUUID(),
        type: 'ip-dst',
        category: 'Network activity',
        value,
        comment,
        toIds: true,
        distribution: 'COMMUNITY_ONLY',
        timestamp: now,
        deleted: false,
        disableCorrelation: false,
        tags: [],
      });
      const event = (info: string, attributes: unknown[]) => ({
        id: randomUUID(),
        info,
        date: '2024-01-01',
        threatLevel: 'LOW',
        analysis: 'INITIAL',
        distribution: 'COMMUNITY_ONLY',
        published: true,
        publishedAt: now,
        timestamp: now,
        deleted: false,
        disableCorrelation: false,
        creatorOrg: creator,
        tags: [],
        attributes,
      });
      const before = await counts();
      const res = ok(
        await sync.client.raw<{ pushEvents: Record<string, number> }>(
          'mutation Push($hubId: ID!, $events: [SyncEventInput!]!) { pushEvents(hubId: $hubId, events: $events) { created updated deleted skipped failed } }',
          {
            hubId: randomUUID(),
            events: [
              event('clean event', [attribute('192.0.2.60'), attribute('192.0.2.61', `bad${NUL}comment`), attribute(`192.0.2.62${NUL}`)]),
              event(`bad${NUL}info`, [attribute('192.0.2.63')]),
            ],
          },
        ),
      ).pushEvents;
      assert.deepEqual([res.created, res.failed], [1, 1]);
      const after = await counts();
      assert.equal(after.events, before.events + 1);
      assert.equal(after.attributes, before.attributes + 1);
    });
  });
}

describe('an exception thrown in a route', () => {
  test('is 500 INTERNAL_SERVER_ERROR with a request id, no stack and no path', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error(`secret detail at ${__filename}`);
    });
    app.get('/boom-async', async () => {
      throw new Error('async secret at /work/x/node_modules/y.js');
    });
    app.use(notFoundHandler, httpErrorHandler(createLogger('silent')));
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const path of ['/boom', '/boom-async']) {
        const message = await expectJsonError(await fetch(url + path), 500, 'INTERNAL_SERVER_ERROR');
        assert.match(message, /^Internal server error \(request id [0-9a-f-]{36}\)$/);
      }
      await expectJsonError(await fetch(`${url}/elsewhere`), 404, 'NOT_FOUND');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
