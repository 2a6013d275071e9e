import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { SystemActor } from '../../src/auth/actor';
import { viewerOf } from '../../src/auth/policy';
import { systemEm, visibilityFilter } from '../../src/auth/visibility-filter';
import { parseConfig } from '../../src/config/config';
import { createOrm, migrateUp } from '../../src/db/orm';
import type { Loaders } from '../../src/graphql/loaders';
import type { Scope } from '../../src/graphql/scope';
import { FeedFormat } from '../../src/modules/feed/feed.entity';
import { FeedProgressBus } from '../../src/modules/feed/feed-progress';
import { createFeed } from '../../src/modules/feed/feed.service';
import { Organisation } from '../../src/modules/organisation/organisation.entity';
import { createMemoryChangeBus } from '../../src/pubsub/change-bus';
import { createLogger } from '../../src/shared/logger';
import { scratchSqlite } from '../support/scratch-database';

/**
 * A service works against the Scope contract alone (src/graphql/scope.ts: types and ports, DESIGN §12.16):
 * here one runs on a real database with a scope made by hand — no hub, no HTTP, no schedulers — and its
 * ports are recorders. A service that reached past its scope into the hub would not compile or not run.
 */
const db = scratchSqlite();
let orm: MikroORM;

before(async () => {
  orm = await createOrm({ databaseUrl: db.url, filters: { visible: visibilityFilter } });
  await migrateUp(orm);
});
after(async () => {
  await orm.close(true);
  await db.drop();
});

test('a service runs on a hand-made scope: it writes through its EntityManager and calls only its ports', async () => {
  const em = systemEm(orm.em);
  const org = em.create(Organisation, { uuid: randomUUID(), name: 'Fake scope org', local: true } as Organisation);
  await em.flush();
  const actor: SystemActor = { kind: 'system', orgId: org.id };
  const config = parseConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
  const called: string[] = [];
  const untouched = (port: string) =>
    new Proxy({}, { get: (_t, p) => { throw new Error(`the service used ${port}.${String(p)}, which it has no business with`); } });
  const scope: Scope = {
    actor,
    viewer: viewerOf(actor, config.unpublishedPrivate),
    em: em.fork(),
    loaders: untouched('loaders') as Loaders,
    bus: createMemoryChangeBus(),
    clock: { now: () => new Date('2026-12-05T12:00:00Z') },
    logger: createLogger('silent'),
    config,
    requestId: 'fake-scope',
    changeLog: untouched('changeLog') as Scope['changeLog'],
    sync: untouched('sync') as Scope['sync'],
    feeds: { progress: new FeedProgressBus(null), running: new Set(), reschedule: () => called.push('feeds.reschedule') },
    openScope: () => {
      throw new Error('the service opened another scope');
    },
  };

  const feed = await createFeed(scope, { name: 'Fake scope feed', url: 'https://feeds.example.org/iocs.csv', format: FeedFormat.CSV, valueColumns: [1] });

  assert.deepEqual(called, ['feeds.reschedule'], 'the schedules were told once, through the port');
  const stored = await systemEm(orm.em).findOneOrFail('Feed', { uuid: feed.uuid });
  assert.equal((stored as { name: string }).name, 'Fake scope feed');
  await assert.rejects(
    createFeed(scope, { name: 'Fake scope feed', url: 'https://feeds.example.org/other.csv', format: FeedFormat.CSV, valueColumns: [1] }),
    (e: Error & { code?: string }) => e.code === 'CONFLICT',
    'a second feed of the same name is a CONFLICT, as through the API',
  );
  assert.deepEqual(called, ['feeds.reschedule'], 'a refused write reschedules nothing');
});
