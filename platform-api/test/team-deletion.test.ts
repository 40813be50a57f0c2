import test from 'ava';
import type pg from 'pg';
import { currentCode } from '../src/domain/two-factor.ts';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { systemSql } from './helpers/system-sql.ts';

/**
 * An owner deletes the whole team (issue 12): re-authenticated, scheduled after
 * the grace period, every member told, cancellable, audited. What the erasure
 * leaves across every service is proved in team-erasure-e2e.test.ts.
 */
let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform({ TEAM_DELETION_GRACE_SECONDS: '3600' });
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

const ownerSql = <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
  systemSql<T>(platform.ownerUrl, text, values);

const deletionMails = (tenantId: string, kind: string) =>
  ownerSql<{ recipients: { email: string; locale: string }[]; params: Record<string, string> }>(
    `select payload -> 'data' -> 'recipients' as recipients, payload -> 'data' -> 'params' as params from outbox
      where tenant_id = $1 and type = 'notification.requested' and payload -> 'data' ->> 'kind' = $2`,
    [tenantId, kind],
  );

test('an owner schedules the deletion with the password: every member is told, the team works on, an owner cancels and everything stays', async (t) => {
  const team = await signUpTeam(api);
  const joined = await joinTeam(platform, team.owner, { email: `mia-${team.slug}@example.com`, name: 'Mia' });
  const poc = (await team.owner.post('/v1/pocs', { name: 'Kept POC', languages: ['Go'] })).body;
  t.like((await team.owner.get('/v1/team/deletion')).body, { scheduled: false, gracePeriodSeconds: 3600 });

  const wrong = await team.owner.post('/v1/team/deletion', { password: 'not-the-password-1' });
  t.is(wrong.status, 401);
  t.is(wrong.headers.get('content-type'), 'application/problem+json');
  t.false((await team.owner.get('/v1/team/deletion')).body.scheduled, 'a wrong password schedules nothing');
  const bad = await team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD, extra: 1 });
  t.is(bad.status, 400);
  t.is((await joined.client.post('/v1/team/deletion', { password: STRONG_PASSWORD })).status, 403, 'members cannot');
  t.is((await ownerSql('select 1 from tenant_deletions where tenant_id = $1', [team.tenant.id])).length, 0);
  t.is((await deletionMails(team.tenant.id, 'team.deletion_scheduled')).length, 0);

  const before = Date.now();
  const scheduled = await team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD });
  t.is(scheduled.status, 202, JSON.stringify(scheduled.body));
  t.true(scheduled.body.scheduled);
  const due = Date.parse(scheduled.body.dueAt);
  t.true(due >= before + 3_599_000 && due <= Date.now() + 3_601_000, 'due after the grace period');
  t.is((await team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD })).status, 409);
  t.like((await joined.client.get('/v1/team/deletion')).body, { scheduled: true, dueAt: scheduled.body.dueAt });
  const [mail] = await deletionMails(team.tenant.id, 'team.deletion_scheduled');
  t.deepEqual(mail!.recipients.map((r) => r.email).sort(), [team.email, `mia-${team.slug}@example.com`].sort());
  t.like(mail!.params, { ownerName: 'Olivia Owner', erasesAt: scheduled.body.dueAt });
  t.is((await team.owner.post('/v1/pocs', { name: 'Still working', languages: ['Go'] })).status, 201);

  t.is((await joined.client.delete('/v1/team/deletion')).status, 403, 'members cannot cancel');
  t.is((await team.owner.delete('/v1/team/deletion')).status, 204);
  t.is((await team.owner.delete('/v1/team/deletion')).status, 404);
  t.false((await team.owner.get('/v1/team/deletion')).body.scheduled);
  t.is((await deletionMails(team.tenant.id, 'team.deletion_cancelled')).length, 1);
  // The grace period would have ended: nothing happens to a cancelled deletion.
  await platform.api.eraser.runNow();
  t.is((await team.owner.get(`/v1/pocs/${poc.id}`)).status, 200);
  const actions = (await team.owner.get('/v1/audit?limit=200')).body.items.map((e: { action: string }) => e.action);
  t.true(actions.includes('team.deletion_scheduled'));
  t.true(actions.includes('team.deletion_cancelled'));
});

test('an owner with two-factor login confirms with a code too', async (t) => {
  const team = await signUpTeam(api);
  const started = await team.owner.post('/v1/me/mfa/enrolment');
  await team.owner.post('/v1/me/mfa/enrolment/confirm', { code: currentCode(started.body.secret) });
  const missing = await team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD });
  t.is(missing.status, 400);
  t.is(missing.body.errors[0].field, 'code');
  const wrong = await team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD, code: '000000' });
  t.is(wrong.status, 401);
  t.false((await team.owner.get('/v1/team/deletion')).body.scheduled);
  const ok = await team.owner.post('/v1/team/deletion', {
    password: STRONG_PASSWORD,
    code: currentCode(started.body.secret, Date.now() + 30_000),
  });
  t.is(ok.status, 202);
});

test('when the grace period is over, the platform erases the team’s rows, audit log included, and tells every service', async (t) => {
  const team = await signUpTeam(api);
  const other = await signUpTeam(api, 'Other team');
  await team.owner.post('/v1/pocs', { name: 'Doomed POC', languages: ['Go'] });
  await other.owner.post('/v1/pocs', { name: 'Safe POC', languages: ['Go'] });
  t.is((await other.owner.patch('/v1/team/settings', { exportRetentionDays: 30 })).status, 200, 'audited');
  t.is((await team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD })).status, 202);
  // The clock the test controls: the grace period ends now.
  await ownerSql(`update tenant_deletions set due_at = now() - interval '1 second' where tenant_id = $1`, [
    team.tenant.id,
  ]);
  await platform.api.eraser.runNow();

  t.is((await team.owner.get('/v1/pocs')).status, 401, 'members are gone at once');
  const [tomb] = await ownerSql('select * from tenant_deletions where tenant_id = $1', [team.tenant.id]);
  t.like(tomb, { status: 'erasing', requested_by: null });
  t.deepEqual([...tomb!.services_pending].sort(), ['dojo-engine', 'media-worker', 'notifier', 'search-indexer']);
  t.is((await ownerSql('select 1 from audit_events where tenant_id = $1', [team.tenant.id])).length, 0);
  t.true((await ownerSql('select 1 from audit_events where tenant_id = $1', [other.tenant.id])).length > 0);
  const events = await ownerSql<{ queue: string }>(
    `select queue from outbox where tenant_id = $1 and type = 'tenant.erased' order by queue`,
    [team.tenant.id],
  );
  t.deepEqual(
    events.map((e) => e.queue),
    ['dojo-events', 'media-jobs', 'notifications', 'poc-events'],
  );
  t.is((await other.owner.get('/v1/pocs')).body.items.length, 1, 'another team is untouched');
});
