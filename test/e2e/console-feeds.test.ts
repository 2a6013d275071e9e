import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Browser } from 'playwright-core';
import { FeedsDocument, UpdateFeedDocument } from '../../src/generated/graphql';
import { testDatabases } from '../support/databases';
import { guardedPage, launchChromium, screenshot } from '../support/browser';
import { loginToConsole, originOf } from '../support/console';
import { FeedFixtureServer } from '../support/feed-server';
import { ok, startTestHub, TestHub } from '../support/hub';

/**
 * The seed workflow on the console (issue 15), as an admin would click it: load the default feed
 * metadata, enable one default feed, fetch and store all feed data, and find the feed's IOCs in the
 * attribute list. The default feed is pointed at a local mirror (a FeedFixtureServer on 127.0.0.1)
 * through the API first: tests never reach the internet.
 */
const IOCS = ['198.51.100.23', '198.51.100.24', 'malware-drop.example.net'];

for (const database of testDatabases()) {
  describe(`console: feeds seed workflow (${database.name})`, () => {
    let hub: TestHub;
    let browser: Browser;
    const server = new FeedFixtureServer();
    before(async () => {
      browser = await launchChromium();
      await server.start();
      server.set('/mirror/ioc-list.txt', `# local mirror of a default feed\n${IOCS.join('\n')}\nnot an indicator\n`);
      hub = await startTestHub(database);
    });
    after(async () => {
      await browser?.close();
      await hub?.stop();
      await server.stop();
    });

    test('load defaults → enable → fetch all (live progress) → the attribute list shows the feed’s IOCs', async () => {
      const g = await guardedPage(browser, originOf(hub));
      try {
        const { page } = g;
        await loginToConsole(page, hub, hub.adminKey, '#/feeds');
        await page.click('#load-defaults');
        await page.locator('#feeds-notice', { hasText: /Loaded \d+ default feeds \(all disabled\)/ }).waitFor();
        await page.locator('#feed-list tr.feed').nth(79).waitFor();
        const count = await page.locator('#feed-list tr.feed').count();
        assert.ok(count >= 80, `${count} feeds listed`);

        // The mirror: a default FREETEXT feed now reads the local server.
        const feed = ok(await hub.admin.request(FeedsDocument, {})).feeds.find((f) => f.format === 'FREETEXT' && !f.enabled);
        assert.ok(feed, 'a FREETEXT feed among the defaults');
        ok(await hub.admin.request(UpdateFeedDocument, { input: { id: feed.id, url: `${server.url}/mirror/ioc-list.txt` } }));

        await page.fill('#feed-filter', feed.name);
        const row = page.locator(`tr.feed[data-id="${feed.id}"]`);
        await row.locator('[data-write=toggle]', { hasText: 'Enable' }).click();
        await row.locator('[data-write=toggle]', { hasText: 'Disable' }).waitFor();
        await page.click('#fetch-all');
        await page.locator('#feeds-notice', { hasText: 'Fetched 1 enabled feed.' }).waitFor({ timeout: 30_000 });
        assert.match(await row.locator('.result').innerText(), /new 3, updated 0, deleted 0, skipped 0, invalid \d+/);
        // Progress reports arrived over graphql-ws while the fetch ran, the last one saying done.
        await row.locator('.progress', { hasText: /^done: / }).waitFor();
        assert.equal(server.downloadsByPath.get('/mirror/ioc-list.txt'), 1);
        await screenshot(page, `feeds-${database.name}`);

        // A second fetch of the same feed: the source is unchanged (conditional GET).
        await row.locator('[data-write=fetch]').click();
        await row.locator('.result', { hasText: 'not modified' }).waitFor({ timeout: 30_000 });

        await page.click('a[data-nav=attributes]');
        await page.locator('#attribute-list').waitFor();
        const listed = await page.locator('#attribute-list td.value').allInnerTexts();
        for (const ioc of IOCS) assert.ok(listed.includes(ioc), `${ioc} in the attribute list (${listed.join(', ')})`);
        await screenshot(page, `feeds-attributes-${database.name}`);
        g.assertClean();
      } finally {
        await g.close();
      }
    });
  });
}
