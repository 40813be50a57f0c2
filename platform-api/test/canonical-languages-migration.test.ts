import test from 'ava';
import pg from 'pg';
import { Migration20261202040000CanonicalLanguages } from '../src/db/migrations/Migration20261202040000CanonicalLanguages.ts';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

test('POCs stored lower-cased before the catalogue take its spelling; unknown languages and tags stay', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'Old row', languages: ['Go'], tags: ['k8s'] })).body;
  const db = new pg.Client({ connectionString: platform.ownerUrl });
  await db.connect();
  t.teardown(() => db.end());
  // As the old code stored it.
  await db.query(`update pocs set languages = '{typescript,golang,go,gleam,c#}', tags = '{k8s}' where id = $1`, [
    created.id,
  ]);

  const migration = new Migration20261202040000CanonicalLanguages(undefined as never, undefined as never);
  await migration.up();
  for (const sql of migration.getQueries()) await db.query(String(sql));

  const after = (await owner.get(`/v1/pocs/${created.id}`)).body;
  t.deepEqual(after.languages, ['TypeScript', 'Go', 'gleam', 'C#'], 'aliases merged, order kept, unknown kept');
  t.deepEqual(after.tags, ['k8s']);
  const listed = (await owner.get('/v1/pocs')).body.items.find((p: { id: string }) => p.id === created.id);
  t.deepEqual(listed.languages, ['TypeScript', 'Go', 'gleam', 'C#'], 'the list JSON follows (trigger)');
});
