import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import assert from 'node:assert/strict';
import { App, createApp } from '../../src/app';
import { parseConfig, testEnv } from '../../src/config/config';
import { ScratchDatabase } from './scratch-database';
import {
  CreateApiKeyDocument,
  CreateOrganisationDocument,
  CreateUserDocument,
  Role,
} from '../../src/generated/graphql';
import { createGraphqlClient, GraphqlClient, GraphqlResponse } from '../../src/shared/graphql-client';
import { Clock } from '../../src/shared/clock';
import { createLogger, Logger } from '../../src/shared/logger';
import { TestDatabase } from './databases';

/** Rate limits no test or benchmark reaches, so the limiter still runs on every request. */
export const HIGH_RATE_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_KEY: '10000000',
  RATE_LIMIT_BURST: '10000000',
  RATE_LIMIT_PER_ADDRESS: '10000000',
  RATE_LIMIT_ADDRESS_BURST: '10000000',
};

export interface TestHub {
  app: App;
  url: string;
  db: ScratchDatabase;
  admin: GraphqlClient;
  adminKey: string;
  client(key?: string): GraphqlClient;
  stop(): Promise<void>;
}

/**
 * The configuration of a test hub (or of one more replica on the same database): port 0 on 127.0.0.1,
 * silent logs, the given admin key; `env` adds or overrides settings.
 */
export function replicaConfig(databaseUrl: string, adminKey: string, env: Record<string, string> = {}) {
  return parseConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: 'silent',
    HUB_ORG_NAME: 'Host Org',
    // Every query runs compiled from its first run (a hub compiles from the second), so the suite's queries
    // check the compiled executor; test/integration/graphql-executor.test.ts compares it with graphql-js.
    GRAPHQL_JIT_AFTER: '0',
    ...env,
  });
}

/**
 * A real hub on a fresh database (holding every migration: TestDatabase.migrated), HTTP on 127.0.0.1 port 0. Its feeds and peers may reach private addresses
 * (the test servers listen on 127.0.0.1) and local feed files below the OS temporary directory; the
 * outbound security tests pass OUTBOUND_ALLOW_PRIVATE=false to see the policy. `opts.clock` (e.g. a
 * TestClock) lets a test move the hub's time instead of sleeping.
 */
export async function startTestHub(
  database: TestDatabase,
  env: Record<string, string> = {},
  opts: { onQuery?: (sql: string) => void; logger?: Logger; clock?: Clock } = {},
): Promise<TestHub> {
  const db = await database.migrated();
  const adminKey = randomBytes(24).toString('base64url');
  const config = replicaConfig(db.url, adminKey, {
    OUTBOUND_ALLOW_PRIVATE: 'true',
    FEED_FILE_ROOT: tmpdir(),
    // Tests and benchmarks drive the API far faster than any client should (rate-limit tests set their own).
    ...HIGH_RATE_LIMITS,
    ...env,
  });
  const app = await createApp(config, { logger: opts.logger ?? createLogger(testEnv().testLogLevel), onQuery: opts.onQuery, clock: opts.clock });
  const url = await app.start();
  return {
    app,
    url,
    db,
    adminKey,
    admin: createGraphqlClient(url, adminKey),
    client: (key) => createGraphqlClient(url, key),
    stop: async () => {
      await app.stop();
      await db.drop();
    },
  };
}

/** The data of a response that must have succeeded (fails the test with the errors otherwise). */
export function ok<T>(res: GraphqlResponse<T>): T {
  assert.equal(res.errors, undefined, `unexpected errors: ${JSON.stringify(res.errors)}`);
  assert.ok(res.data, 'no data');
  return res.data as T;
}

/** The single error code of a response that must have failed. */
export function errorCode(res: GraphqlResponse<unknown>): string {
  assert.ok(res.errors?.length, `expected an error, got data ${JSON.stringify(res.data)}`);
  return String(res.errors![0].extensions?.code);
}

export async function expectError(
  p: Promise<GraphqlResponse<unknown>>,
  code: string,
  messageIncludes?: string | RegExp,
): Promise<string> {
  const res = await p;
  assert.equal(errorCode(res), code, `wrong code; errors: ${JSON.stringify(res.errors)}`);
  const message = res.errors![0].message;
  if (typeof messageIncludes === 'string') assert.ok(message.includes(messageIncludes), `message "${message}" should include "${messageIncludes}"`);
  else if (messageIncludes) assert.match(message, messageIncludes);
  return message;
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;

export interface OrgWithUser {
  orgId: string;
  orgName: string;
  userId: string;
  key: string;
  client: GraphqlClient;
}

/** A fresh organisation with one user of the given role and an API key. */
export async function orgWithUser(hub: TestHub, role: Role = 'PUBLISHER', name = unique('org')): Promise<OrgWithUser> {
  const org = ok(await hub.admin.request(CreateOrganisationDocument, { input: { name } })).createOrganisation;
  const user = await userIn(hub, org.id, role);
  return { orgId: org.id, orgName: org.name, ...user };
}

export async function userIn(hub: TestHub, orgId: string, role: Role) {
  const user = ok(
    await hub.admin.request(CreateUserDocument, { input: { email: `${unique('u')}@example.org`, organisationId: orgId, role } }),
  ).createUser;
  const { key } = ok(await hub.admin.request(CreateApiKeyDocument, { input: { userId: user.id } })).createApiKey;
  return { userId: user.id, key, client: hub.client(key) };
}

export type Doc<T, V> = TypedDocumentNode<T, V>;

/** The newest change cursor (admin reads the change log to its end). */
export async function headCursor(hub: { admin: GraphqlClient }): Promise<string> {
  let since = '0';
  for (;;) {
    const page = ok(
      await hub.admin.raw<{ changes: { cursor: string; hasMore: boolean } }>(
        'query Head($since: String) { changes(since: $since, first: 500) { cursor hasMore } }',
        { since },
      ),
    ).changes;
    since = page.cursor;
    if (!page.hasMore) return since;
  }
}
