import { readFile } from 'node:fs/promises';
import test from 'ava';
import { apiTypesPath, generateApiTypes } from '../scripts/api-types.ts';

test('the web client API types are generated from docs/openapi.json as it is now', async (t) => {
  const committed = await readFile(apiTypesPath, 'utf8');
  t.true(
    committed === (await generateApiTypes()),
    'src/api/openapi.gen.ts is stale: run `npm run api-types -w apps/web` and commit it',
  );
});
