import test from 'ava';
import type { Context } from 'koa';
import { bearerToken, internalTokenAuth, sameSecret } from '../src/runtime/bearer.ts';
import { Problem } from '../src/runtime/problem.ts';

const requestWith = (authorization: string | undefined) =>
  ({ get: (name: string) => (name === 'authorization' ? (authorization ?? '') : '') }) as unknown as Context;

test('bearerToken reads the token of an Authorization: Bearer header, the scheme in any case', (t) => {
  t.is(bearerToken('Bearer abc.def'), 'abc.def');
  t.is(bearerToken('bearer  abc'), 'abc');
  t.is(bearerToken('Basic abc'), undefined);
  t.is(bearerToken('Bearer '), undefined);
  t.is(bearerToken('Bearer a b'), undefined);
  t.is(bearerToken(undefined), undefined);
});

test('sameSecret is true only for the same secret, whatever the lengths', (t) => {
  t.true(sameSecret('s'.repeat(32), 's'.repeat(32)));
  t.false(sameSecret('s'.repeat(31), 's'.repeat(32)));
  t.false(sameSecret('', 's'));
});

test('internalTokenAuth lets the service token through and answers 401 otherwise', async (t) => {
  const token = 'internal-token-0123456789abcdef';
  const guard = internalTokenAuth(token);
  let passed = 0;
  await guard(requestWith(`Bearer ${token}`), async () => {
    passed++;
  });
  t.is(passed, 1);
  for (const header of [undefined, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
    const error = await t.throwsAsync(guard(requestWith(header), async () => t.fail('let through')));
    t.true(error instanceof Problem);
    t.is((error as Problem).status, 401);
  }
  t.is(passed, 1);
});
