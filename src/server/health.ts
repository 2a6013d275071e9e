import { Router } from 'express';

/**
 * Probes for orchestrators and load balancers (always JSON):
 *   GET /livez  — the process answers: always 200 `{"status":"ok"}`.
 *   GET /readyz — 200 `{"status":"ok","checks":{...}}` while the database answers and, when Redis is
 *                 configured, the change bus is connected; otherwise 503 `{"status":"unavailable",
 *                 "down":["redis"],"checks":{...}}`. A replica cut off from Redis misses change and
 *                 access notices, so it should leave the load balancer until it is back.
 *   GET /healthz — the same answer as /readyz (kept for existing health checks).
 */

export interface HealthDeps {
  /** Resolves when the database answers a trivial query. */
  pingDatabase(): Promise<void>;
  /** Whether the Redis change bus is connected; undefined when Redis is not configured. */
  redisUp(): boolean | undefined;
  /** How long the database may take to answer before it counts as down (ms). */
  timeoutMs?: number;
}

type CheckState = 'up' | 'down' | 'not configured';

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
    const database: CheckState = await withTimeout(deps.pingDatabase(), deps.timeoutMs ?? 2_000).then(
      () => 'up',
      () => 'down',
    );
    const redisUp = deps.redisUp();
    const redis: CheckState = redisUp === undefined ? 'not configured' : redisUp ? 'up' : 'down';
    const checks = { database, redis };
    const down = Object.entries(checks)
      .filter(([, state]) => state === 'down')
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
