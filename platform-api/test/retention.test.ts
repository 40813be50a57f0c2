import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '@pocdojo/common/runtime/aws';
import test from 'ava';
import pg from 'pg';
import { sweepExpiredExports } from '../src/domain/retention-sweeper.ts';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

const s3 = () => createS3Client({ region: 'us-east-1', endpoint: platform.api.deps.config.AWS_ENDPOINT_URL });

/** A finished report `ageDays` old, with its file in S3; returns the job id and key. */
async function finishedJob(tenantId: string, userId: string, ageDays: number) {
  const id = randomUUID();
  const key = `tenants/${tenantId}/reports/${id}.csv`;
  await s3().send(new PutObjectCommand({ Bucket: 'pocdojo-test', Key: key, Body: 'a,b\r\n', ContentType: 'text/csv' }));
  const db = new pg.Client({ connectionString: platform.ownerUrl });
  await db.connect();
  try {
    await db.query(
      `insert into jobs (id, tenant_id, requested_by, kind, params, status, progress, result_key, created_at, updated_at)
       values ($1, $2, $3, 'report', '{}', 'succeeded', 100, $4, now() - make_interval(days => $5), now() - make_interval(days => $5))`,
      [id, tenantId, userId, key, ageDays],
    );
  } finally {
    await db.end();
  }
  return { id, key };
}

const objectExists = (key: string) =>
  s3()
    .send(new HeadObjectCommand({ Bucket: 'pocdojo-test', Key: key }))
    .then(
      () => true,
      () => false,
    );

test('finished exports older than the team retention lose their file and record; others stay', async (t) => {
  const keeping = await signUpTeam(api, 'Keeps Everything');
  const strict = await signUpTeam(api, 'Thirty Days');
  const set = await strict.owner.patch('/v1/team/settings', { exportRetentionDays: 30 });
  t.is(set.status, 200);
  t.is(set.body.exportRetentionDays, 30);
  t.is((await strict.owner.patch('/v1/team/settings', { exportRetentionDays: 0 })).status, 400);

  const old = await finishedJob(strict.tenant.id, strict.user.id, 31);
  const recent = await finishedJob(strict.tenant.id, strict.user.id, 29);
  const oldElsewhere = await finishedJob(keeping.tenant.id, keeping.user.id, 400);

  const removed = await sweepExpiredExports(platform.api.deps);
  t.true(removed >= 1);
  t.is((await strict.owner.get(`/v1/jobs/${old.id}`)).status, 404);
  t.false(await objectExists(old.key));
  t.is((await strict.owner.get(`/v1/jobs/${recent.id}`)).status, 200);
  t.true(await objectExists(recent.key));
  t.is((await keeping.owner.get(`/v1/jobs/${oldElsewhere.id}`)).status, 200, 'no retention set: kept');
  t.true(await objectExists(oldElsewhere.key));

  const audit = (await strict.owner.get('/v1/audit?action=team.settings_changed')).body.items;
  t.like(audit[0], { details: { exportRetentionDays: 30 } });
});
