import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import {
  RunLanguages,
  RunLimits,
  type RunResult,
  runFilePathSchema,
  runRequestSchema,
} from '@pocdojo/common/contracts/kata-runs';
import { assertInternalToken } from '@pocdojo/common/runtime/bearer';
import { Problem } from '@pocdojo/common/runtime/problem';
import type { Context } from 'koa';
import { z } from 'zod';
import type { TestRunner } from '../test-runner.ts';

/** A team kata's starter set to try: the files of one language. */
const checkBody = z.strictObject({
  language: z.enum(RunLanguages),
  files: z.record(runFilePathSchema, z.string().max(RunLimits.maxFileBytes)),
});

/** Nil ids: a check belongs to no tenant's dojo (the runner keeps nothing of it anyway). */
const NO_ID = '00000000-0000-4000-8000-000000000000';

/**
 * `POST /internal/v1/check`: runs a starter set once in the sandbox and answers its light, for
 * platform-api to refuse a team kata whose starter tests cannot run (amber) before it is saved.
 * Service-to-service only (INTERNAL_TOKEN as bearer). Checks run one at a time on a sandbox slot
 * of their own (`slot`, past the queue consumer's), so they never take a dojo's run slot.
 */
export function checkRoutes(deps: { runner: TestRunner; internalToken: string; slot: number }) {
  const router = new Router();
  let queue: Promise<unknown> = Promise.resolve();
  router.post('/internal/v1/check', async (ctx: Context) => {
    assertInternalToken(
      ctx,
      deps.internalToken,
      () => new Problem(401, 'unauthenticated', 'Unauthorized', { detail: 'the internal token is required' }),
    );
    const body = checkBody.safeParse(await readJson(ctx));
    if (!body.success) {
      throw new Problem(400, 'invalid_request', 'Bad Request', {
        errors: body.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    const request = runRequestSchema.safeParse({
      runId: randomUUID(),
      tenantId: NO_ID,
      dojoId: NO_ID,
      ...body.data,
      requestedAt: new Date().toISOString(),
    });
    if (!request.success) {
      throw new Problem(400, 'invalid_request', 'Bad Request', {
        errors: request.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    const run = queue.then(() => deps.runner.run(request.data, deps.slot));
    queue = run.catch(() => {});
    const result: RunResult = await run;
    ctx.body = result;
  });
  return router;
}

async function readJson(ctx: Context): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > RunLimits.maxTotalBytes * 2) {
      throw new Problem(413, 'payload_too_large', 'Payload Too Large', { detail: 'a starter set is at most 1 MiB' });
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Problem(400, 'invalid_json', 'Bad Request', { detail: 'the body is not JSON' });
  }
}
