import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { get, IncomingMessage } from 'node:http';
import { parse } from 'csv-parse';
import { AddAttributesDocument, CreateEventDocument, PublishEventDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { ok, OrgWithUser, orgWithUser, startTestHub, TestHub } from '../support/hub';

/**
 * Exports stream: a 50,000-attribute export is written while it is read. Checked without timing: the
 * response is chunked (no Content-Length), and when its first bytes reach the client the hub has read
 * only the first pages of attributes; it reads the rest afterwards (the client runs in the same process,
 * so it only sees bytes when the hub gives the event loop a turn, which it does between pieces).
 */
const TOTAL = 50_000;
const BATCH = 10_000;

for (const database of testDatabases()) {
  describe(`export streaming (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let pageReads = 0;
    // Attribute page reads of an export (alias `a`, see export-source.ts).
    const pageRead = /from [`"]?attributes[`"]? as [`"]?a[`"]?/i;

    before(async () => {
      hub = await startTestHub(database, {}, { onQuery: (sql) => pageRead.test(sql) && pageReads++ });
      A = await orgWithUser(hub, 'PUBLISHER');
      const eventId = ok(await A.client.request(CreateEventDocument, { input: { info: 'fifty thousand', distribution: 'COMMUNITY_ONLY' } })).createEvent.id;
      for (let start = 0; start < TOTAL; start += BATCH) {
        const attributes = Array.from({ length: BATCH }, (_, i) => {
          const n = start + i;
          return { type: 'ip-dst', value: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
        });
        ok(await A.client.request(AddAttributesDocument, { eventId, attributes }));
      }
      ok(await A.client.request(PublishEventDocument, { id: eventId }));
    });
    after(() => hub?.stop());

    test(`a ${TOTAL}-attribute CSV export arrives in chunks while the hub is still reading`, async () => {
      const url = `${hub.url.replace(/\/graphql$/, '')}/export/csv`;
      pageReads = 0;
      const res = await new Promise<IncomingMessage>((resolve, reject) => get(url, { headers: { authorization: A.key } }, resolve).on('error', reject));
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['transfer-encoding'], 'chunked');
      assert.equal(res.headers['content-length'], undefined);
      let readsAtFirstByte = -1;
      let chunks = 0;
      res.once('data', () => {
        readsAtFirstByte = pageReads;
      });
      res.on('data', () => chunks++);
      const rows: string[][] = [];
      await new Promise<void>((resolve, reject) => {
        const parser = parse({ from_line: 2 });
        parser.on('data', (r: string[]) => rows.push(r));
        parser.on('end', resolve);
        parser.on('error', reject);
        res.on('error', reject);
        res.pipe(parser);
      });
      assert.equal(rows.length, TOTAL);
      assert.equal(new Set(rows.map((r) => r[0])).size, TOTAL, 'every attribute once');
      const readsAtEnd = pageReads;
      assert.ok(chunks > 10, `${chunks} chunks`);
      // Pages are 1,000 attributes: the whole export takes at least 50 reads; the first bytes arrived
      // when at most half of them had been made (typically 2 to 7, depending on the driver).
      assert.ok(readsAtEnd >= TOTAL / 1000, `page reads in all: ${readsAtEnd}`);
      assert.ok(readsAtFirstByte >= 1 && readsAtFirstByte < readsAtEnd / 2, `page reads before the first byte: ${readsAtFirstByte} of ${readsAtEnd}`);
    });
  });
}
