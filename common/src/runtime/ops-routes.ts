import Router from '@koa/router';

/** A readiness probe: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = () => Promise<void>;

/**
 * `/healthz` (the process is up) and `/readyz` (every dependency answers, with
 * the failing ones named). Metrics are not here: they have a port of their own
 * (metrics-server.ts), so the public port never serves them.
 */
export function opsRoutes(checks: Record<string, ReadinessCheck>): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, (error as Error).message || 'failed'] as const;
        }
      }),
    );
    const failing = results.filter(([, state]) => state !== 'ok');
    ctx.status = failing.length ? 503 : 200;
    ctx.body = { status: failing.length ? 'unavailable' : 'ready', checks: Object.fromEntries(results) };
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
