import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases';
import { orgWithUser, OrgWithUser, startTestHub, TestHub } from '../support/hub';
import { mispHttp } from '../support/misp-http';

/**
 * The MISP REST layer under the limits every route has (DESIGN §10): the per-key rate limit (429 with
 * Retry-After) and the body cap (413), both answered as MISP JSON; and requests MISP's router would not
 * take: a wrong method (405), an unknown action (404), a non-JSON body (415) — never HTML.
 */
for (const database of testDatabases()) {
  describe(`MISP REST limits and malformed requests (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;

    before(async () => {
      hub = await startTestHub(database, { RATE_LIMIT_PER_KEY: '1000', RATE_LIMIT_BURST: '1000', BODY_LIMIT: '2kb' });
      A = await orgWithUser(hub, 'PUBLISHER');
    });
    after(async () => hub?.stop());

    test('a body over BODY_LIMIT: 413 MISP JSON, nothing created', async () => {
      const call = mispHttp(hub, A.key);
      const r = await call('POST', 'events/add', { info: 'x'.repeat(4000) });
      assert.equal(r.status, 413);
      assert.match(r.json.message, /larger than the limit/);
      assert.equal(r.json.url, '/events/add');
      const idx = await call('GET', 'events/index');
      assert.deepEqual(idx.json, []);
    });

    test('wrong method 405 (Allow), unknown action 404, non-JSON body 415, malformed JSON 400: all JSON', async () => {
      const call = mispHttp(hub, A.key);
      const wrong = await call('GET', 'events/add');
      assert.equal(wrong.status, 405);
      assert.equal(wrong.headers.get('allow'), 'POST');
      assert.ok(wrong.json.message && wrong.json.url);
      const unknown = await call('GET', 'events/frobnicate/1');
      assert.equal(unknown.status, 404);
      assert.match(unknown.json.message, /events\/frobnicate/);
      const text = await call('POST', 'events/add', 'info=x', { 'content-type': 'text/plain' });
      assert.equal(text.status, 415);
      assert.ok(text.json);
      const broken = await call('POST', 'events/add', '{"info": ');
      assert.equal(broken.status, 400);
      assert.equal(broken.json.url, '/events/add');
      const control = await call('POST', 'events/add', { info: 'bell\u0007' });
      assert.equal(control.status, 400);
      assert.match(control.json.message, /U\+0007/);
    });
  });

  describe(`MISP REST rate limit (${database.name})`, () => {
    let hub: TestHub;
    before(async () => {
      hub = await startTestHub(database, { RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_BURST: '3' });
    });
    after(async () => hub?.stop());

    test('the per-key limit counts MISP requests: 429 with Retry-After, MISP JSON', async () => {
      const A = await orgWithUser(hub, 'PUBLISHER');
      const call = mispHttp(hub, A.key);
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 6; i++) {
        last = await call('GET', 'servers/getVersion');
        statuses.push(last.status);
      }
      assert.ok(statuses.includes(429), `statuses ${statuses}`);
      const limited = last!;
      assert.equal(limited.status, 429);
      assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
      assert.match(limited.json.message, /Rate limit/);
    });
  });
}
