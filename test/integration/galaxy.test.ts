import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  AddAttributesDocument,
  CreateEventDocument,
  EventGalaxyClustersDocument,
  GalaxyClusterDocument,
  GalaxyClustersDocument,
  TagsDocument,
} from '../../src/generated/graphql';
import { clusterUuidOf, upsertClusters } from '../../src/modules/galaxy/galaxy.service';
import { GalaxyCluster } from '../../src/modules/galaxy/galaxy-cluster.entity';
import type { SyncGalaxyClusterWire } from '../../src/modules/misp-import/wire.types';
import { Tag } from '../../src/modules/tag/tag.entity';
import { testDatabases } from '../support/databases';
import { errorCode, ok, OrgWithUser, orgWithUser, startTestHub, TestHub, unique } from '../support/hub';
import { REALWORLD_DIR, realworldSkip } from '../support/paths';

/**
 * Galaxy clusters (issue 12 part 3): upsertClusters (identity by uuid, newer version replaces, the tag
 * exists afterwards, malformed clusters listed and left out) on a real database, and the GraphQL reads:
 * clusters shown where their tag is, under the tag's visibility; browsing is open to every user.
 */

const galaxy = (type: string, name: string) => JSON.stringify({ uuid: randomUUID(), name, type, description: `${name} galaxy`, version: '1', icon: 'x', namespace: 'misp' });
function wire(o: { id?: string; type: string; value: string; version?: string | null; galaxyName?: string; meta?: Record<string, unknown>; description?: string }): SyncGalaxyClusterWire {
  const tagName = `misp-galaxy:${o.type}="${o.value}"`;
  return {
    id: o.id ?? randomUUID(),
    tagName,
    version: o.version === undefined ? '1' : o.version,
    galaxy: galaxy(o.type, o.galaxyName ?? o.type),
    data: JSON.stringify({ type: o.type, value: o.value, tag_name: tagName, description: o.description ?? `about ${o.value}`, meta: o.meta ?? { synonyms: [`${o.value} alias`] }, version: o.version ?? '1' }),
  };
}

for (const database of testDatabases()) {
  describe(`galaxy clusters (${database.name})`, () => {
    let hub: TestHub;
    let A: OrgWithUser;
    let C: OrgWithUser;
    const upsert = (wires: SyncGalaxyClusterWire[]) => {
      const em = hub.app.hub.em.fork();
      return em.transactional((t) => upsertClusters(t, wires));
    };
    const stored = async (uuid: string) => hub.app.hub.em.fork().findOne(GalaxyCluster, { uuid });

    before(async () => {
      hub = await startTestHub(database);
      [A, C] = await Promise.all([orgWithUser(hub, 'PUBLISHER'), orgWithUser(hub, 'USER')]);
    });
    after(() => hub?.stop());

    test('upsertClusters: created, newer version replaces, older or equal changes nothing, tags exist', async () => {
      const t = unique('actor').toLowerCase();
      const w = wire({ type: 'threat-actor', value: `${t} one`, version: '5', galaxyName: 'Threat Actor' });
      assert.deepEqual(await upsert([w]), { created: 1, updated: 0, unchanged: 0, refused: [] });
      const tags = await hub.app.hub.em.fork().find(Tag, { nameKey: w.tagName.toLowerCase() });
      assert.equal(tags.length, 1, 'the cluster\'s tag exists');
      const older = { ...wire({ type: 'threat-actor', value: `${t} renamed`, version: '4' }), id: w.id.toUpperCase() };
      assert.deepEqual(await upsert([older, { ...w }]), { created: 0, updated: 0, unchanged: 1, refused: [] }, 'same uuid (any case) twice is one cluster; older or equal version');
      assert.equal((await stored(w.id))!.value, `${t} one`);
      const newer = { ...wire({ type: 'threat-actor', value: `${t} one`, version: '6', description: 'updated' }), id: w.id, tagName: w.tagName };
      assert.deepEqual(await upsert([newer]), { created: 0, updated: 1, unchanged: 0, refused: [] });
      const row = (await stored(w.id))!;
      assert.deepEqual([row.description, String(row.version)], ['updated', '6']); // the entity's bigint reads back as a JS bigint
    });

    test('upsertClusters: malformed clusters are listed with their reason, the good ones stored; no uuid gets a stable one', async () => {
      const v = unique('mal').toLowerCase();
      const good = wire({ type: 'malpedia', value: v });
      const noUuid = { ...wire({ type: 'banker', value: `${v} banker` }), id: '' };
      const bad: SyncGalaxyClusterWire[] = [
        { ...wire({ type: 'x', value: 'y' }), tagName: '  ' },
        { ...wire({ type: 'x', value: 'y' }), galaxy: '{not json' },
        { ...wire({ type: 'x', value: 'y' }), data: '[1,2]' },
        { ...wire({ type: 'x', value: 'y' }), data: JSON.stringify({ type: 'x' }) },
      ];
      const r = await upsert([good, ...bad, noUuid]);
      assert.deepEqual([r.created, r.updated, r.unchanged], [2, 0, 0]);
      assert.deepEqual(
        r.refused.map((x) => x.reason),
        ['tag name "": expected 1 to 255 characters', 'galaxy is not JSON', 'data is not a JSON object', 'the cluster has no value (data.value)'],
      );
      const derived = clusterUuidOf(noUuid);
      assert.match(derived, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal((await stored(derived))!.value, `${v} banker`);
      assert.deepEqual(await upsert([{ ...noUuid, id: '' }]), { created: 0, updated: 0, unchanged: 1, refused: [] }, 'the same cluster again is one row');
    });

    test('a real MISP cluster (../shared/realworld) keeps its galaxy and meta', { skip: realworldSkip() }, async () => {
      const dir = join(REALWORLD_DIR, 'misp-json');
      const found = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => {
          const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { Event?: Record<string, unknown> };
          return ((doc.Event?.Galaxy as Array<Record<string, unknown>> | undefined) ?? []).map((g) => ({ g, c: (g.GalaxyCluster as Array<Record<string, unknown>>)[0] }));
        })[0];
      assert.ok(found, 'the real events carry galaxies');
      const { GalaxyCluster: _list, ...g } = found.g;
      const { Galaxy: _g, ...c } = found.c;
      const w: SyncGalaxyClusterWire = { id: String(c.uuid ?? ''), tagName: String(c.tag_name), version: c.version == null ? null : String(c.version), galaxy: JSON.stringify(g), data: JSON.stringify(c) };
      assert.equal((await upsert([w])).refused.length, 0);
      const view = ok(await A.client.request(GalaxyClusterDocument, { id: clusterUuidOf(w) })).galaxyCluster!;
      assert.deepEqual([view.tagName, view.type, view.value, view.galaxy.name, view.galaxy.namespace, view.version], [c.tag_name, c.type, c.value, g.name, g.namespace ?? null, String(c.version)]);
      assert.deepEqual(view.meta, c.meta);
    });

    test('Event.galaxyClusters and Attribute.galaxyClusters: where the tag is, under its visibility', async () => {
      const v = unique('ga').toLowerCase();
      const onEvent = wire({ type: 'threat-actor', value: `${v} actor`, galaxyName: 'Threat Actor', meta: { country: 'XX', refs: ['https://example.org'] } });
      const onShared = wire({ type: 'malpedia', value: `${v} shared` });
      const onPrivate = wire({ type: 'malpedia', value: `${v} private` });
      await upsert([onEvent, onShared, onPrivate]);
      const e = ok(await A.client.request(CreateEventDocument, { input: { info: unique('g'), distribution: 'COMMUNITY_ONLY', tags: [onEvent.tagName, 'tlp:green'] } })).createEvent.id;
      ok(
        await A.client.request(AddAttributesDocument, {
          eventId: e,
          attributes: [
            { type: 'domain', value: `${v}.shared.example.com`, tags: [onShared.tagName] },
            { type: 'domain', value: `${v}.private.example.com`, tags: [onPrivate.tagName], distribution: 'ORGANISATION_ONLY' },
          ],
        }),
      );
      const byA = ok(await A.client.request(EventGalaxyClustersDocument, { id: e })).event!;
      assert.deepEqual(byA.galaxyClusters.map((c) => c.id), [onEvent.id], 'the event\'s own tags only (not its attributes\')');
      const c0 = byA.galaxyClusters[0];
      assert.deepEqual([c0.type, c0.value, c0.tagName, c0.galaxy.name, c0.galaxy.type, c0.galaxy.namespace, c0.meta], ['threat-actor', `${v} actor`, onEvent.tagName, 'Threat Actor', 'threat-actor', 'misp', { country: 'XX', refs: ['https://example.org'] }]);
      assert.deepEqual(byA.attributes.map((a) => a.galaxyClusters.map((c) => c.id)).sort(), [[onPrivate.id], [onShared.id]].sort());
      const byC = ok(await C.client.request(EventGalaxyClustersDocument, { id: e })).event!;
      assert.deepEqual(byC.attributes.map((a) => a.galaxyClusters.map((c) => c.tagName)), [[onShared.tagName]], 'the private attribute (and its cluster) is absent for C');
    });

    test('galaxyCluster(id) and galaxyClusters: reference data for every user; filters and pages', async () => {
      const v = unique('br').toLowerCase();
      const ws = [0, 1, 2].map((i) => wire({ type: 'banker', value: `${v}-${i}`, galaxyName: 'Banker' }));
      const other = wire({ type: 'tool', value: `${v}-tool`, galaxyName: 'Tool' });
      await upsert([...ws, other]);
      assert.equal(ok(await C.client.request(GalaxyClusterDocument, { id: ws[0].id })).galaxyCluster!.value, `${v}-0`, 'any user: no tag needs to be visible');
      assert.equal(errorCode(await C.client.request(GalaxyClusterDocument, { id: randomUUID() })), 'NOT_FOUND');
      const page1 = ok(await C.client.request(GalaxyClustersDocument, { filter: { value: `${v}-%`, type: ['banker'] }, first: 2 })).galaxyClusters;
      assert.equal(page1.totalCount, 3);
      assert.equal(page1.pageInfo.hasNextPage, true);
      const page2 = ok(await C.client.request(GalaxyClustersDocument, { filter: { value: `${v}-%`, type: ['banker'] }, first: 2, after: page1.pageInfo.endCursor })).galaxyClusters;
      assert.deepEqual([...page1.edges, ...page2.edges].map((e) => e.node.value), [`${v}-0`, `${v}-1`, `${v}-2`]);
      const byGalaxy = ok(await C.client.request(GalaxyClustersDocument, { filter: { galaxyName: 'Tool', value: `${v}%` } })).galaxyClusters;
      assert.deepEqual(byGalaxy.edges.map((e) => e.node.id), [other.id]);
      const exact = ok(await C.client.request(GalaxyClustersDocument, { filter: { value: `${v}-1` } })).galaxyClusters;
      assert.deepEqual(exact.edges.map((e) => e.node.value), [`${v}-1`]);
      assert.equal(errorCode(await hub.client('not-a-key').request(GalaxyClustersDocument, {})), 'UNAUTHENTICATED');
      assert.equal(errorCode(await C.client.request(GalaxyClustersDocument, { first: 100_000 })), 'BAD_USER_INPUT');
      // Browsing clusters does not reveal tags: the tag list still holds only tags on data the caller sees.
      const tags = new Set(ok(await C.client.request(TagsDocument, {})).tags.map((t) => t.name));
      assert.equal(tags.has(ws[0].tagName), false);
    });
  });
}
