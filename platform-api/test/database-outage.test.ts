import type { AddressInfo } from 'node:net';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { problemHandler } from '@pocdojo/common/runtime/problem';
import test from 'ava';
import Koa from 'koa';
import { databaseOutage } from '../src/http/database-outage.ts';

/** A unit test of the mapping: a route that throws what the driver throws, behind the real middleware. */
async function answer(error: unknown) {
  const app = new Koa();
  app.use(problemHandler(createLogger('outage-test', 'silent')));
  app.use(databaseOutage());
  app.use(() => {
    throw error;
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  } finally {
    server.close();
  }
}

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('a database that is away is a 503 with Retry-After', async (t) => {
  for (const error of [
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('57P03', 'the database system is starting up'),
    withCode('ECONNREFUSED'),
    withCode('08006'),
    new Error('Connection terminated unexpectedly'),
    new Error('wrapped', { cause: withCode('ECONNRESET') }),
  ]) {
    const reply = await answer(error);
    t.is(reply.status, 503, error.message);
    t.is(reply.body.code, 'database_unavailable');
    t.true(Number(reply.retryAfter) >= 1);
  }
});

test('a deadlock or serialization failure is a 503 to retry, not a 500', async (t) => {
  for (const code of ['40P01', '40001']) {
    const reply = await answer(withCode(code, 'deadlock detected'));
    t.is(reply.status, 503, code);
    t.is(reply.body.code, 'transaction_conflict');
    t.is(reply.retryAfter, '1');
  }
});

test('a failing statement is still a 500: only unavailability and conflicts are retryable', async (t) => {
  for (const error of [withCode('23505', 'duplicate key'), withCode('42P01', 'no such table'), new Error('bug')]) {
    t.is((await answer(error)).status, 500, error.message);
  }
});
