/**
 * Outbound requests (DESIGN §10): feeds and peers reach public addresses only unless OUTBOUND_ALLOW_PRIVATE,
 * on the address actually connected to and on every redirect hop; local feed files only below
 * FEED_FILE_ROOT; a peer's key goes to its configured origin only; testPeer never repeats the remote body.
 * The "closed" hub runs with the policy on; the "open" hub allows private targets (its test servers listen
 * on 127.0.0.1) and proves the rules that hold even then: redirects, headers, bodies, file roots.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateFeedDocument,
  CreateFeedInput,
  CreatePeerDocument,
  FetchFeedDocument,
  PreviewFeedDocument,
  TestPeerDocument,
  UpdatePeerDocument,
} from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { FedHub, startHub } from '../support/federation';
import { expectError, ok, unique } from '../support/hub';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** A real HTTP server on 127.0.0.1 port 0 that records every request it sees and answers with `handler`. */
async function recordingServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
type RecordingServer = Awaited<ReturnType<typeof recordingServer>>;

const listServer = () => recordingServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('198.51.100.7\n8.8.4.4\n'));

for (const database of testDatabases()) {
  describe(`outbound requests (${database.name})`, () => {
    let closed: FedHub;
    let open: FedHub;
    const servers: RecordingServer[] = [];
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'threatmesh-outbound-')));
    const root = join(base, 'feeds');
    const secretFile = join(base, 'hub-secret.txt');
    const secret = `SECRET-${randomUUID()}`;

    before(async () => {
      mkdirSync(root);
      writeFileSync(secretFile, `${secret}\n8.8.8.8\n`);
      writeFileSync(join(root, 'inside.txt'), '8.8.8.8\n');
      symlinkSync(secretFile, join(root, 'escape.txt'));
      closed = await startHub(database, 'closed', { OUTBOUND_ALLOW_PRIVATE: 'false' });
      open = await startHub(database, 'open', { OUTBOUND_ALLOW_PRIVATE: 'true', FEED_FILE_ROOT: root });
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all([closed, open].map((h) => h?.stop()));
      rmSync(base, { recursive: true, force: true });
    });

    const serve = async (s: Promise<RecordingServer>) => {
      const server = await s;
      servers.push(server);
      return server;
    };
    const createFeed = async (hub: FedHub, url: string, extra: Partial<CreateFeedInput> = {}) =>
      ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('feed'), url, format: 'FREETEXT', ...extra } })).createFeed;
    const preview = async (hub: FedHub, id: string) => ok(await hub.admin.request(PreviewFeedDocument, { id, limit: 10 })).previewFeed;
    const fetchFeed = async (hub: FedHub, id: string) => ok(await hub.admin.request(FetchFeedDocument, { id })).fetchFeed;
    const createPeer = async (hub: FedHub, url: string, apiKey = `peer-key-${randomUUID()}`) => {
      const peer = ok(await hub.admin.request(CreatePeerDocument, { input: { name: unique('peer'), url, apiKey, organisationId: hub.org.id } })).createPeer;
      return { id: peer.id, apiKey };
    };
    const testPeer = async (hub: FedHub, id: string) => ok(await hub.admin.request(TestPeerDocument, { id })).testPeer;

    // ---- private targets (OUTBOUND_ALLOW_PRIVATE unset) --------------------------------------------------

    test('feed preview and fetch of http://127.0.0.1:<port>/ are refused with a clear error; the server sees no request', async () => {
      const server = await serve(listServer());
      const feed = await createFeed(closed, `${server.url}/list.txt`);
      const p = await preview(closed, feed.id);
      assert.deepEqual(p.values, []);
      assert.match(p.error ?? '', /refused: 127\.0\.0\.1 is a loopback address; .*OUTBOUND_ALLOW_PRIVATE/);
      const r = await fetchFeed(closed, feed.id);
      assert.match(r.error ?? '', /refused: 127\.0\.0\.1 is a loopback address/);
      assert.equal(r.new, 0);
      const misp = await createFeed(closed, `${server.url}/misp/`, { format: 'MISP' });
      assert.match((await fetchFeed(closed, misp.id)).error ?? '', /127\.0\.0\.1 is a loopback address/);
      assert.deepEqual(server.seen, [], 'no request reached the local server');
    });

    test('a host name resolving to a loopback address (localhost) is refused at connect time', async () => {
      const server = await serve(listServer());
      const feed = await createFeed(closed, `http://localhost:${server.port}/list.txt`);
      const p = await preview(closed, feed.id);
      assert.deepEqual(p.values, []);
      assert.match(p.error ?? '', /\(localhost resolves to it\) is a loopback address/);
      assert.match((await fetchFeed(closed, feed.id)).error ?? '', /localhost resolves to it/);
      assert.deepEqual(server.seen, [], 'no request reached the local server');
    });

    test('testPeer of a peer on 127.0.0.1 is refused before anything (the key) is sent', async () => {
      const server = await serve(recordingServer((_req, res) => res.writeHead(200).end(secret)));
      const peer = await createPeer(closed, `${server.url}/graphql`);
      const t = await testPeer(closed, peer.id);
      assert.equal(t.ok, false);
      assert.equal(t.httpStatus, null);
      assert.equal(t.speaksProtocol, false);
      assert.match(t.error ?? '', /127\.0\.0\.1 is a loopback address/);
      const local = await createPeer(closed, `http://localhost:${server.port}/graphql`);
      assert.match((await testPeer(closed, local.id)).error ?? '', /localhost resolves to it/);
      assert.deepEqual(server.seen, [], 'no request reached the local server');
    });

    // ---- local files ---------------------------------------------------------------------------------

    const hubDataFile = () => (database.name === 'sqlite' ? closed.db.url.replace(/^sqlite:/, '') : secretFile);

    test('a feed pointing at the hub\'s own database file (or any local file) is refused while FEED_FILE_ROOT is unset', async () => {
      for (const url of [hubDataFile(), pathToFileURL(hubDataFile()).toString(), join(root, 'inside.txt')]) {
        await expectError(
          closed.admin.request(CreateFeedDocument, { input: { name: unique('local'), url, format: 'FREETEXT' } }),
          'BAD_USER_INPUT',
          /local file feeds are off \(FEED_FILE_ROOT is not set\)/,
        );
      }
      const feeds = ok(await closed.admin.raw<{ feeds: Array<{ url: string }> }>('{ feeds { url } }')).feeds;
      assert.ok(!feeds.some((f) => !/^http/.test(f.url)), 'no local feed was stored');
    });

    test('outside FEED_FILE_ROOT is refused: another file, .., a symlink escaping the root; inside is read', async () => {
      const outside = [
        database.name === 'sqlite' ? open.db.url.replace(/^sqlite:/, '') : secretFile,
        secretFile,
        join(root, '..', 'hub-secret.txt'),
        `${root}/../hub-secret.txt`,
        join(root, 'escape.txt'),
        pathToFileURL(join(root, 'escape.txt')).toString(),
        '/etc/passwd',
      ];
      for (const url of outside) {
        const message = await expectError(
          open.admin.request(CreateFeedDocument, { input: { name: unique('local'), url, format: 'FREETEXT' } }),
          'BAD_USER_INPUT',
          /is outside FEED_FILE_ROOT/,
        );
        assert.ok(!message.includes(secret));
      }
      const inside = await createFeed(open, join(root, 'inside.txt'));
      assert.deepEqual((await preview(open, inside.id)).values.map((v) => v.value), ['8.8.8.8']);
    });

    test('a feed file turned into a symlink out of the root after the feed was saved is refused when read', async () => {
      const path = join(root, `later-${randomUUID()}.txt`);
      const feed = await createFeed(open, path);
      symlinkSync(secretFile, path);
      const p = await preview(open, feed.id);
      assert.deepEqual(p.values, []);
      assert.match(p.error ?? '', /is outside FEED_FILE_ROOT/);
      assert.ok(!(p.error ?? '').includes(secret));
      const r = await fetchFeed(open, feed.id);
      assert.match(r.error ?? '', /is outside FEED_FILE_ROOT/);
      assert.equal(r.new, 0);
    });

    // ---- redirects ---------------------------------------------------------------------------------

    test('feed redirects: each hop checked and capped; the feed\'s own headers never reach another origin', async () => {
      const other = await serve(listServer());
      const first = await serve(
        recordingServer((req, res) => {
          if (req.url === '/moved') return void res.writeHead(302, { location: `${other.url}/list.txt` }).end();
          if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
          if (req.url === '/to-file') return void res.writeHead(302, { location: pathToFileURL(secretFile).toString() }).end();
          res.writeHead(404).end();
        }),
      );
      const moved = await createFeed(open, `${first.url}/moved`, { headers: ['X-Feed-Token: token-for-first-only'] });
      assert.deepEqual((await preview(open, moved.id)).values.map((v) => v.value), ['198.51.100.7', '8.8.4.4'], 'a redirect to an allowed target is followed');
      assert.equal(first.seen[0].headers['x-feed-token'], 'token-for-first-only');
      assert.equal(other.seen.length, 1);
      assert.equal(other.seen[0].headers['x-feed-token'], undefined, 'the feed header is not sent to the other origin');

      const loop = await createFeed(open, `${first.url}/loop`);
      const before = first.seen.length;
      assert.match((await preview(open, loop.id)).error ?? '', /more than 5 redirects/);
      assert.equal(first.seen.length - before, 6, 'the first request and 5 redirects, then stop');

      const toFile = await createFeed(open, `${first.url}/to-file`);
      const p = await preview(open, toFile.id);
      assert.match(p.error ?? '', /file: URLs are not fetched/);
      assert.ok(!JSON.stringify(p).includes(secret));
    });

    // ---- peers ---------------------------------------------------------------------------------------

    test('testPeer reports status and protocol, never the peer\'s body', async () => {
      const answers = [
        { status: 200, type: 'text/plain', body: `${secret} internal admin page` },
        { status: 500, type: 'text/html', body: `<html>${secret}</html>` },
        { status: 200, type: 'application/json', body: JSON.stringify({ errors: [{ message: secret, extensions: { code: secret } }] }) },
        { status: 200, type: 'application/json', body: JSON.stringify({ errors: [{ message: secret, extensions: { code: 'UNAUTHENTICATED' } }] }) },
        { status: 200, type: 'application/json', body: JSON.stringify({ data: { hubInfo: { id: secret, software: secret, protocolVersion: '1.0', organisation: { name: secret } }, me: { role: secret } } }) },
        { status: 200, type: 'application/json', body: JSON.stringify({ data: { hubInfo: { id: randomUUID(), software: 'x', protocolVersion: '1.0', organisation: { name: 'x' } }, me: { role: secret } } }) },
      ];
      let next = 0;
      const server = await serve(recordingServer((_req, res) => {
        const a = answers[next++];
        res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
      }));
      const peer = await createPeer(open, `${server.url}/graphql`);
      const results = [];
      for (let i = 0; i < answers.length; i++) results.push(await testPeer(open, peer.id));
      for (const [i, t] of results.entries()) {
        assert.equal(t.ok, false, `answer ${i}`);
        assert.ok(!JSON.stringify(t).includes(secret), `answer ${i} is not repeated: ${JSON.stringify(t)}`);
        assert.ok(t.error, `answer ${i} has an error`);
      }
      assert.deepEqual(results.map((t) => [t.httpStatus, t.speaksProtocol]), [[200, false], [500, false], [200, false], [200, true], [200, false], [200, false]]);
      assert.match(results[0].error ?? '', /answered HTTP 200 with something that is not GraphQL JSON/);
      assert.match(results[3].error ?? '', /refused our API key \(UNAUTHENTICATED\)/);
    });

    test('testPeer does not follow a redirect: the key never reaches another origin', async () => {
      const other = await serve(recordingServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}')));
      const first = await serve(recordingServer((_req, res) => res.writeHead(307, { location: `${other.url}/graphql` }).end()));
      const peer = await createPeer(open, `${first.url}/graphql`);
      const t = await testPeer(open, peer.id);
      assert.equal(t.ok, false);
      assert.match(t.error ?? '', /answered a redirect \(HTTP 307\); redirects are not followed/);
      assert.equal(first.seen.length, 1);
      assert.equal(first.seen[0].headers.authorization, peer.apiKey, 'the configured origin gets the key');
      assert.deepEqual(other.seen.map((s) => s.headers.authorization), [], 'the other origin gets no request, so never the key');
    });

    test('moving a peer to another origin needs its key again; the same origin keeps it', async () => {
      const server = await serve(listServer());
      const peer = await createPeer(open, `${server.url}/graphql`);
      await expectError(
        open.admin.request(UpdatePeerDocument, { input: { id: peer.id, url: 'http://203.0.113.9/graphql' } }),
        'BAD_USER_INPUT',
        /needs its apiKey again/,
      );
      ok(await open.admin.request(UpdatePeerDocument, { input: { id: peer.id, url: `${server.url}/other/graphql` } }));
      ok(await open.admin.request(UpdatePeerDocument, { input: { id: peer.id, url: 'http://203.0.113.9/graphql', apiKey: 'a-new-key-for-the-new-origin' } }));
      assert.deepEqual(server.seen, []);
    });
  });
}
