import { resolve } from 'node:path';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

/**
 * The only reader of process.env. Settings are parsed once at start, every invalid setting is reported
 * at once, and the result is frozen and passed down explicitly (no module-level config object).
 */

const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? dflt : ['true', '1', 'yes'].includes(v)));

const databaseUrl = z
  .string()
  .refine((v) => /^sqlite:.+/.test(v) || /^(mariadb|mysql):\/\/[^/]+\/[^/?]+/.test(v), {
    message: 'expected sqlite:<path>, mariadb://user:password@host:port/database or mysql://…',
  });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: databaseUrl.default('sqlite:./data/threatmesh.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected redis://host:port or rediss://…')
    .optional(),
  REDIS_PREFIX: z.string().min(1).max(100).default('threatmesh:'),
  REDIS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_ORG_NAME: z.string().trim().min(1).max(255).default('Host organisation'),
  HUB_UUID: z.string().uuid().optional(),
  ADMIN_EMAIL: z.string().email().default('admin@threatmesh.local'),
  ADMIN_API_KEY: z.string().min(32, 'must be at least 32 characters').max(128).regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, _ and -').optional(),
  MIGRATE_ON_START: bool(true),
  UNPUBLISHED_PRIVATE: bool(false),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  DEFAULT_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(50),
  MAX_BULK_ATTRIBUTES: z.coerce.number().int().min(1).max(100_000).default(10_000),
  // Largest event report content in bytes (UTF-8); the column holds up to 16 MiB (MariaDB mediumtext).
  EVENT_REPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024 - 1).default(1024 * 1024),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(30),
  MAX_QUERY_COST: z.coerce.number().int().min(1).max(1_000_000_000).default(1_000_000),
  // HTTP queries run compiled (graphql-jit, src/server/graphql-executor.ts) after GRAPHQL_JIT_AFTER runs of the same document on graphql-js.
  GRAPHQL_JIT: bool(true),
  GRAPHQL_JIT_AFTER: z.coerce.number().int().min(0).max(1_000_000).default(1),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'expected a size like 5mb').default('10mb'),
  GRAPHIQL: bool(true),
  CONSOLE: bool(true),
  CORS_ORIGINS: z
    .string()
    .max(10_000)
    .default('')
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s?#]+$/.test(o)), {
      message: 'expected a comma-separated list of origins like https://dashboard.example.org (scheme, host, optional port; no path) or *',
    }),
  SUBSCRIPTION_MAX_LAG: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  LIVE_WRITER_SHARE: z.coerce.number().gt(0).max(1).default(0.03),
  CHANGE_WINDOW: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  PEER_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PEER_SECRET_FILE: z.string().min(1).default('./data/peer-secret.key'),
  PEER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  PEER_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(2000),
  CHANGE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  ACCESS_RECHECK_MS: z.coerce.number().int().min(50).max(300_000).default(30_000),
  AUTH_CACHE: z.enum(['auto', 'on', 'off']).default('auto'),
  CORRELATION_MAX: z.coerce.number().int().min(1).max(100_000).default(1000),
  CORRELATION_EXCLUSIONS: z
    .string()
    .max(100_000)
    .default('')
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)),
  FEED_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  FEED_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(0).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  FEED_LEASE_TTL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  FEED_FETCH_CRON: z
    .string()
    .trim()
    .refine((v) => v === 'off' || validateCron(v), { message: 'expected a cron expression (e.g. "0 */6 * * *") or off' })
    .default('off'),
  OUTBOUND_ALLOW_PRIVATE: bool(false),
  FEED_FILE_ROOT: z.string().trim().min(1).optional(),
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(0).max(10_000_000).default(600),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000_000).default(100),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).max(10_000_000).default(120),
  RATE_LIMIT_ADDRESS_BURST: z.coerce.number().int().min(1).max(10_000_000).default(60),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').max(256).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
  METRICS_MAX_OPERATIONS: z.coerce.number().int().min(1).max(10_000).default(200),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  redisPrefix: string;
  /** The change bus pings Redis this often; no answer within the same time counts the connection lost. */
  redisHeartbeatMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  hubOrgName: string;
  hubUuid: string | undefined;
  adminEmail: string;
  adminApiKey: string | undefined;
  migrateOnStart: boolean;
  unpublishedPrivate: boolean;
  maxPageSize: number;
  defaultPageSize: number;
  maxBulkAttributes: number;
  /** Largest event report content, bytes of UTF-8 (EVENT_REPORT_MAX_BYTES). */
  eventReportMaxBytes: number;
  maxQueryDepth: number;
  maxAliases: number;
  /** Largest estimated cost of an operation (src/graphql/limits.ts: objects it may return, lists counted at their page size or cap). */
  maxQueryCost: number;
  /** Runs of the same HTTP query document on graphql-js before it runs compiled (GRAPHQL_JIT_AFTER); null: never compiled (GRAPHQL_JIT=false). */
  graphqlJitAfter: number | null;
  bodyLimit: string;
  /** BODY_LIMIT in bytes (WebSocket frames have the same cap as HTTP bodies). */
  bodyLimitBytes: number;
  /** GraphiQL (served offline from the hub's own dependencies) on GET /graphql from a browser. */
  graphiql: boolean;
  /** The web console: dashboard at /, its assets, and the GraphiQL page (which GRAPHIQL may turn off alone). */
  console: boolean;
  /** Origins allowed to call the API from a browser (CORS); empty = no CORS headers; `*` = any origin. */
  corsOrigins: readonly string[];
  subscriptionMaxLag: number;
  /** LIVE_WRITER_SHARE: live delivery's least share of the time while a busy writer writes (live-fanout.ts). */
  liveWriterShare: number;
  changeWindow: number;
  changePollMs: number;
  /** Open subscriptions re-read their key, user and memberships at least this often (ms). */
  accessRecheckMs: number;
  /** The authentication cache (auth/auth-cache): on, off, or auto (on exactly when REDIS_URL is set). */
  authCache: 'auto' | 'on' | 'off';
  peerSecretKey: string | undefined;
  peerSecretFile: string;
  peerTimeoutMs: number;
  peerMaxResponseBytes: number;
  syncPageSize: number;
  /** A value (part) that correlates with more visible attributes than this is over-correlating: not listed, flagged. */
  correlationMax: number;
  /** Values (`%` wildcards allowed) that never correlate (MISP's correlation exclusions). */
  correlationExclusions: readonly string[];
  feedTimeoutMs: number;
  feedMaxBytes: number;
  /** The largest attachment / malware-sample file kept (MISP JSON imports, feeds, sync); a bigger one is left out. */
  attachmentMaxBytes: number;
  /** Lifetime of a feed fetch's lease (and the global run's) without renewal; renewed every third of it. */
  feedLeaseTtlMs: number;
  /** Global schedule fetching every enabled feed; null = off. */
  feedFetchCron: string | null;
  /** Feeds and peers may reach loopback, private, link-local … addresses (off: public addresses only). */
  outboundAllowPrivate: boolean;
  /** Local-file feeds are read only below this directory (absolute); null = local file feeds off. */
  feedFileRoot: string | null;
  /** Requests per minute, sustained, per API key (0 = no limit). */
  rateLimitPerKey: number;
  /** Requests one API key may make at once (the bucket's size). */
  rateLimitBurst: number;
  /** Unauthenticated requests, failed authentications and WebSocket connection attempts per minute per client address (0 = no limit). */
  rateLimitPerAddress: number;
  rateLimitAddressBurst: number;
  /** Reverse proxies in front of the hub whose X-Forwarded-For is believed (0 = the socket's address). */
  trustProxy: number;
  /** Bearer token that may read /metrics from anywhere; undefined = /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  /** Distinct GraphQL operation names given their own metrics label; later ones count as "(other)". */
  metricsMaxOperations: number;
}>;

/** `512kb`, `10mb`, `100b` in bytes, as express.json reads the same setting (1kb = 1024 bytes). */
function sizeInBytes(size: string): number {
  const m = /^(\d+)(b|kb|mb)$/i.exec(size)!;
  return Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[m[2].toLowerCase() as 'b' | 'kb' | 'mb'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings from an env-like record; lists every invalid setting in one ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const key = i.path.join('.');
        const raw = cleaned[key];
        return `${key}=${raw === undefined ? '(unset)' : JSON.stringify(/KEY|TOKEN/.test(key) ? '***' : raw)}: ${i.message}`;
      }),
    );
  }
  const e = result.data;
  if (e.DEFAULT_PAGE_SIZE > e.MAX_PAGE_SIZE) {
    throw new ConfigError([`DEFAULT_PAGE_SIZE=${e.DEFAULT_PAGE_SIZE}: must not exceed MAX_PAGE_SIZE=${e.MAX_PAGE_SIZE}`]);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    redisHeartbeatMs: e.REDIS_HEARTBEAT_MS,
    logLevel: e.LOG_LEVEL,
    hubOrgName: e.HUB_ORG_NAME,
    hubUuid: e.HUB_UUID?.toLowerCase(),
    adminEmail: e.ADMIN_EMAIL.toLowerCase(),
    adminApiKey: e.ADMIN_API_KEY,
    migrateOnStart: e.MIGRATE_ON_START,
    unpublishedPrivate: e.UNPUBLISHED_PRIVATE,
    maxPageSize: e.MAX_PAGE_SIZE,
    defaultPageSize: e.DEFAULT_PAGE_SIZE,
    maxBulkAttributes: e.MAX_BULK_ATTRIBUTES,
    eventReportMaxBytes: e.EVENT_REPORT_MAX_BYTES,
    maxQueryDepth: e.MAX_QUERY_DEPTH,
    maxAliases: e.MAX_ALIASES,
    maxQueryCost: e.MAX_QUERY_COST,
    graphqlJitAfter: e.GRAPHQL_JIT ? e.GRAPHQL_JIT_AFTER : null,
    bodyLimit: e.BODY_LIMIT,
    bodyLimitBytes: sizeInBytes(e.BODY_LIMIT),
    graphiql: e.GRAPHIQL,
    console: e.CONSOLE,
    corsOrigins: Object.freeze(e.CORS_ORIGINS.map((o) => (o === '*' ? o : o.toLowerCase()))),
    subscriptionMaxLag: e.SUBSCRIPTION_MAX_LAG,
    liveWriterShare: e.LIVE_WRITER_SHARE,
    changeWindow: Math.max(e.CHANGE_WINDOW, e.SUBSCRIPTION_MAX_LAG),
    changePollMs: e.CHANGE_POLL_MS,
    accessRecheckMs: e.ACCESS_RECHECK_MS,
    authCache: e.AUTH_CACHE,
    peerSecretKey: e.PEER_SECRET_KEY,
    peerSecretFile: e.PEER_SECRET_FILE,
    peerTimeoutMs: e.PEER_TIMEOUT_MS,
    peerMaxResponseBytes: e.PEER_MAX_RESPONSE_BYTES,
    syncPageSize: e.SYNC_PAGE_SIZE,
    correlationMax: e.CORRELATION_MAX,
    correlationExclusions: Object.freeze([...e.CORRELATION_EXCLUSIONS]),
    feedTimeoutMs: e.FEED_TIMEOUT_MS,
    feedMaxBytes: e.FEED_MAX_BYTES,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    feedLeaseTtlMs: e.FEED_LEASE_TTL_MS,
    feedFetchCron: e.FEED_FETCH_CRON === 'off' ? null : e.FEED_FETCH_CRON,
    outboundAllowPrivate: e.OUTBOUND_ALLOW_PRIVATE,
    feedFileRoot: e.FEED_FILE_ROOT ? resolve(e.FEED_FILE_ROOT) : null,
    rateLimitPerKey: e.RATE_LIMIT_PER_KEY,
    rateLimitBurst: e.RATE_LIMIT_BURST,
    rateLimitPerAddress: e.RATE_LIMIT_PER_ADDRESS,
    rateLimitAddressBurst: e.RATE_LIMIT_ADDRESS_BURST,
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    metricsMaxOperations: e.METRICS_MAX_OPERATIONS,
  });
}

/** Reads the process environment. The single place where process.env is touched. */
export const loadConfig = (): Config => parseConfig(process.env);

/** Test and bench support: the environment variables the test suite itself reads. */
export const testEnv = () => ({
  testMysqlUrl: process.env.TEST_MYSQL_URL || undefined,
  testRedisUrl: process.env.TEST_REDIS_URL || undefined,
  /** Log level of hubs started by tests (default silent; e.g. TEST_LOG_LEVEL=error to see internal errors). */
  testLogLevel: process.env.TEST_LOG_LEVEL || 'silent',
});
