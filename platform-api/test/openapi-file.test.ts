import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { currentOpenApiDocument } from '../src/http/openapi-offline.ts';

test('docs/openapi.json is the document the code generates (npm run openapi -w platform-api)', async (t) => {
  const committed = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'));
  t.deepEqual(committed, JSON.parse(JSON.stringify(currentOpenApiDocument())));
});
