import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFeedDocument, FeedsDocument, UpdateFeedDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { expectError, ok, startTestHub, TestHub, unique } from '../support/hub';

/** One feed per source URL (feed.service checkUrlFree), through the GraphQL API; the CLI side: test/e2e/cli-admin.test.ts. */
for (const database of testDatabases()) {
  describe(`createFeed / updateFeed refuse a URL already configured (${database.name})`, () => {
    let hub: TestHub;
    after(() => hub?.stop());

    test('the second feed on a URL is CONFLICT naming the first; nothing is stored; an update onto it is refused too', async () => {
      hub = await startTestHub(database);
      const url = `https://feeds.example.org/${unique('list')}.txt`;
      const first = ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('first'), url, format: 'FREETEXT' } })).createFeed;

      // The same URL, with surrounding blanks (stored trimmed): refused, naming the feed that has it.
      await expectError(
        hub.admin.request(CreateFeedDocument, { input: { name: unique('second'), url: `  ${url} `, format: 'CSV' } }),
        'CONFLICT',
        `already configured as feed "${first.name}"`,
      );
      const all = ok(await hub.admin.request(FeedsDocument, {})).feeds;
      assert.deepEqual(all.filter((f) => f.url === url).map((f) => f.name), [first.name], 'no second feed was stored');

      // Another URL is fine; moving it onto the first one's URL is refused and leaves it as it was.
      const other = ok(await hub.admin.request(CreateFeedDocument, { input: { name: unique('other'), url: `${url}?v=2`, format: 'FREETEXT' } })).createFeed;
      await expectError(hub.admin.request(UpdateFeedDocument, { input: { id: other.id, url } }), 'CONFLICT', first.name);
      const after = ok(await hub.admin.request(FeedsDocument, {})).feeds.find((f) => f.id === other.id)!;
      assert.equal(after.url, `${url}?v=2`);
      // A feed keeps its own URL on update (not a conflict with itself).
      assert.equal(ok(await hub.admin.request(UpdateFeedDocument, { input: { id: first.id, url, enabled: true } })).updateFeed.enabled, true);
    });
  });
}
