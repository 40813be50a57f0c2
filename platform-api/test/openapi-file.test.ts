import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { operationIdOf } from '../src/http/api-route.ts';
import { currentOpenApiDocument } from '../src/http/openapi-offline.ts';

test('docs/openapi.json is the document the code generates (npm run openapi -w platform-api)', async (t) => {
  const committed = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'));
  t.deepEqual(committed, JSON.parse(JSON.stringify(currentOpenApiDocument())));
});

test('every operation has a unique id, derived from its method and path unless it names one', (t) => {
  const document = currentOpenApiDocument() as { paths: Record<string, Record<string, { operationId?: string }>> };
  const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  t.true(ids.length > 30);
  t.true(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)));
  t.is(new Set(ids).size, ids.length);
  t.is(operationIdOf({ method: 'get', path: '/v1/pocs/:id' }), 'getPocsById');
  t.is(operationIdOf({ method: 'post', path: '/v1/dojos/:id/tickets' }), 'postDojosByIdTickets');
  t.is(operationIdOf({ method: 'get', path: '/internal/v1/members' }), 'getInternalMembers');
  t.is(operationIdOf({ method: 'post', path: '/v1/auth/login', operationId: 'logIn' }), 'logIn');
});

test('each operation documents its 4xx problems: 401 where a token is needed, 404 where an id is given', (t) => {
  const document = currentOpenApiDocument() as { paths: Record<string, Record<string, any>> };
  const getPoc = document.paths['/v1/pocs/{id}']!.get;
  for (const status of ['400', '401', '404', '429']) {
    t.truthy(getPoc.responses[status]?.content?.['application/problem+json'], status);
  }
  const signup = document.paths['/v1/signup']!.post;
  t.falsy(signup.responses['401'], 'sign-up needs no token');
  t.truthy(signup.responses['400']);
});
