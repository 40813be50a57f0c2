import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '@pocdojo/common/aws';
import test from 'ava';
import pg from 'pg';
import { sweepExpiredPersonalDataExports } from '../src/domain/personal-data-exports.ts';
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

/** A finished job of `kind` `ageDays` old, with its file in S3. */
async function finished(kind: 'personal_data' | 'report', tenantId: string, userId: string, ageDays: number) {
  const id = randomUUID();
  const key = `tenants/${tenantId}/${kind === 'report' ? 'reports' : `exports/${userId}`}/${id}.zip`;
  await s3().send(
    new PutObjectCommand({ Bucket: 'pocdojo-test', Key: key, Body: 'PK', ContentType: 'application/zip' }),
  );
  const db = new pg.Client({ connectionString: platform.ownerUrl });
  await db.connect();
  try {
    await db.query(
      `insert into jobs (id, tenant_id, requested_by, subject_user_id, kind, params, status, progress, result_key, created_at, updated_at)
       values ($1, $2, $3, $3, $4, '{}', 'succeeded', 100, $5, now() - make_interval(days => $6), now() - make_interval(days => $6))`,
      [id, tenantId, userId, kind, key, ageDays],
    );
  } finally {
    await db.end();
  }
  return { id, key };
}

const exists = (key: string) =>
  s3()
    .send(new HeadObjectCommand({ Bucket: 'pocdojo-test', Key: key }))
    .then(
      () => true,
      () => false,
    );

test('personal data archives go after 7 days, file and job, even in a team that keeps its reports forever', async (t) => {
  const team = await signUpTeam(api);
  const old = await finished('personal_data', team.tenant.id, team.user.id, 8);
  const recent = await finished('personal_data', team.tenant.id, team.user.id, 6);
  const oldReport = await finished('report', team.tenant.id, team.user.id, 400);

  t.true((await sweepExpiredPersonalDataExports(platform.api.deps)) >= 1);
  t.is((await team.owner.get(`/v1/jobs/${old.id}`)).status, 404);
  t.false(await exists(old.key));
  t.is((await team.owner.get(`/v1/jobs/${recent.id}`)).status, 200);
  t.true(await exists(recent.key));
  t.is((await team.owner.get(`/v1/jobs/${oldReport.id}`)).status, 200, 'the team keeps its reports');
  t.true(await exists(oldReport.key));
});
