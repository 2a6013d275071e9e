import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/config';
import { testDatabases } from '../support/databases';
import { startTestHub, TestHub } from '../support/hub';

/**
 * The console's HTTP surface without a browser (issue 15): what GET / and GET /graphql answer with the
 * console on and off, the security headers, the vendor files (listed ones only), and CORS_ORIGINS.
 */
const origin = (hub: TestHub) => new URL(hub.url).origin;

describe('CONSOLE and CORS_ORIGINS settings', () => {
  test('defaults: console on, no CORS; origins parsed and checked', () => {
    const c = parseConfig({});
    assert.equal(c.console, true);
    assert.deepEqual(c.corsOrigins, []);
    assert.deepEqual(parseConfig({ CORS_ORIGINS: 'https://Dash.example.org, http://localhost:3000' }).corsOrigins, ['https://dash.example.org', 'http://localhost:3000']);
    assert.deepEqual(parseConfig({ CORS_ORIGINS: '*' }).corsOrigins, ['*']);
    assert.equal(parseConfig({ CONSOLE: 'false' }).console, false);
    assert.throws(() => parseConfig({ CORS_ORIGINS: 'https://dash.example.org/path' }), (e: unknown) => e instanceof ConfigError && /CORS_ORIGINS="https:\/\/dash.example.org\/path"/.test(e.message));
    assert.throws(() => parseConfig({ CONSOLE: 'maybe' }), /CONSOLE="maybe": expected true or false/);
  });
});

for (const database of testDatabases()) {
  describe(`console over HTTP (${database.name})`, () => {
    let on: TestHub;
    let off: TestHub;
    let cors: TestHub;
    before(async () => {
      on = await startTestHub(database);
      off = await startTestHub(database, { CONSOLE: 'false' });
      cors = await startTestHub(database, { CORS_ORIGINS: 'https://dash.example.org' });
    });
    after(async () => {
      await Promise.all([on, off, cors].filter(Boolean).map((h) => h.stop()));
    });

    test('console on: dashboard, GraphiQL for HTML only, strict CSP, listed vendor files only', async () => {
      const home = await fetch(`${origin(on)}/`);
      assert.equal(home.status, 200);
      assert.match(home.headers.get('content-type') ?? '', /text\/html/);
      const csp = home.headers.get('content-security-policy') ?? '';
      for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'self'"]) assert.ok(csp.includes(d), `${d} in ${csp}`);
      assert.equal(home.headers.get('x-content-type-options'), 'nosniff');
      assert.doesNotMatch(await home.text(), /https?:\/\//, 'the page names no other site');

      const gq = await fetch(on.url, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      assert.match(gq.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await gq.text(), /\/vendor\/graphiql\.min\.js/);
      // Not a browser page request: the API answers (JSON).
      const api = await fetch(on.url, { headers: { Accept: '*/*' } });
      assert.match(api.headers.get('content-type') ?? '', /json/);

      const lib = await fetch(`${origin(on)}/vendor/graphiql.min.js`);
      assert.equal(lib.status, 200);
      assert.match(lib.headers.get('content-type') ?? '', /javascript/);
      const mod = await fetch(`${origin(on)}/vendor/htm-preact-standalone.mjs`);
      assert.match(mod.headers.get('content-type') ?? '', /javascript/);
      const other = await fetch(`${origin(on)}/vendor/..%2Fpackage.json`);
      assert.equal(other.status, 404);
      assert.equal(((await other.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code, 'NOT_FOUND');

      const roles = (await (await fetch(`${origin(on)}/console/roles.json`)).json()) as Record<string, string[]>;
      assert.deepEqual(roles.READ_ONLY, []);
      assert.ok(roles.ADMIN.includes('site:admin') && roles.PUBLISHER.includes('event:publish') && !roles.USER.includes('event:publish'));
      const versions = (await (await fetch(`${origin(on)}/console/versions.json`)).json()) as { libraries: Record<string, string> };
      assert.equal(versions.libraries.graphiql.split('.')[0], '4');
      assert.equal(versions.libraries.react.split('.')[0], '18');
    });

    test('CONSOLE=false: no dashboard, no GraphiQL, no files; the API unchanged', async () => {
      for (const path of ['/', '/console/app.js', '/vendor/graphiql.min.js']) {
        const res = await fetch(`${origin(off)}${path}`);
        assert.equal(res.status, 404, path);
        assert.match(res.headers.get('content-type') ?? '', /json/, path);
      }
      const gq = await fetch(off.url, { headers: { Accept: 'text/html' } });
      assert.doesNotMatch(gq.headers.get('content-type') ?? '', /text\/html/);
      const post = await fetch(off.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: off.adminKey }, body: JSON.stringify({ query: '{ me { role } }' }) });
      assert.deepEqual(await post.json(), { data: { me: { role: 'ADMIN' } } });
    });

    test('CORS: off by default; with CORS_ORIGINS only the listed origin, preflight included', async () => {
      const plain = await fetch(on.url, { method: 'OPTIONS', headers: { Origin: 'https://dash.example.org', 'Access-Control-Request-Method': 'POST' } });
      assert.equal(plain.headers.get('access-control-allow-origin'), null);

      const pre = await fetch(cors.url, {
        method: 'OPTIONS',
        headers: { Origin: 'https://dash.example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'https://dash.example.org');
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
      assert.equal(pre.headers.get('access-control-allow-credentials'), null);

      const post = await fetch(cors.url, { method: 'POST', headers: { Origin: 'https://dash.example.org', 'Content-Type': 'application/json', Authorization: cors.adminKey }, body: JSON.stringify({ query: '{ me { role } }' }) });
      assert.equal(post.headers.get('access-control-allow-origin'), 'https://dash.example.org');
      const stranger = await fetch(cors.url, { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json', Authorization: cors.adminKey }, body: JSON.stringify({ query: '{ me { role } }' }) });
      assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    });
  });
}
