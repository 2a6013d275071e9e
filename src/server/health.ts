import { Router } from 'express';

/**
 * Probes for orchestrators and load balancers (always JSON):
 *   GET /livez  — the process answers: always 200 `{"status":"ok"}`.
 *   GET /readyz — 200 `{"status":"ok","checks":{...}}` while the database answers, every migration this
 *                 build ships is applied and, when Redis is configured, the change bus is connected;
 *                 otherwise 503 `{"status":"unavailable","down":["redis"],"checks":{...}}`. A replica
 *                 cut off from Redis misses change and access notices, so it should leave the load
 *                 balancer until it is back; one started with MIGRATE_ON_START=false waits for
 *                 `threatmesh migrate` (checks.migrations: "pending (N)").
 *   GET /healthz — the same answer as /readyz (kept for existing health checks).
 */

export interface HealthDeps {
  /** Resolves when the database answers a trivial query. */
  pingDatabase(): Promise<void>;
  /** Migrations of this build not applied to the database yet (0 when up to date). */
  pendingMigrations?(): Promise<number>;
  /** Whether the Redis change bus is connected; undefined when Redis is not configured. */
  redisUp(): boolean | undefined;
  /** How long the database may take to answer before it counts as down (ms). */
  timeoutMs?: number;
}

type CheckState = 'up' | 'down' | 'not configured' | 'applied' | `pending (${number})` | 'unknown';

const withTimeout = (p: Promise<void>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  const ready = async (_req: unknown, res: import('express').Response) => {
    let pending = 0;
    const timeout = deps.timeoutMs ?? 2_000;
    const [database, migrations] = await Promise.all([
      withTimeout(deps.pingDatabase(), timeout).then(
        (): CheckState => 'up',
        (): CheckState => 'down',
      ),
      deps.pendingMigrations
        ? withTimeout(deps.pendingMigrations().then((n) => void (pending = n)), timeout).then(
            (): CheckState => (pending === 0 ? 'applied' : `pending (${pending})`),
            (): CheckState => 'unknown',
          )
        : Promise.resolve<CheckState>('applied'),
    ]);
    const redisUp = deps.redisUp();
    const redis: CheckState = redisUp === undefined ? 'not configured' : redisUp ? 'up' : 'down';
    const checks = { database, migrations, redis };
    const down = Object.entries(checks)
      // 'unknown' (the database did not answer) is not a finding of its own: the database is down.
      .filter(([, state]) => state === 'down' || state.startsWith('pending'))
      .map(([name]) => name);
    if (down.length) res.status(503).json({ status: 'unavailable', down, checks });
    else res.json({ status: 'ok', checks });
  };
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', ready);
  router.get('/healthz', ready);
  return router;
}
