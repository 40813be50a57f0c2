import { randomUUID } from 'node:crypto';
import test from 'ava';
import pg from 'pg';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Entry {
  id: string;
  action: string;
  actorId: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}

async function allEntries(client: ApiClient, query = ''): Promise<Entry[]> {
  const reply = await client.get(`/v1/audit?limit=200${query}`);
  if (reply.status !== 200) throw new Error(`audit: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.items;
}

test('each security action is recorded with actor, target, address and user agent; only admins read it', async (t) => {
  const team = await signUpTeam(api);
  const owner = team.owner;
  const agent = { 'user-agent': 'AuditTest/1.0' };
  const email = `mia-${randomUUID().slice(0, 6)}@example.com`;
  const joined = await joinTeam(platform, owner, { email, name: 'Mia Member' });
  const mia = joined.client;
  const miaId = joined.body.user.id;

  t.is((await api.post('/v1/auth/login', { email, password: 'Wrong-password-1' }, agent)).status, 401);
  t.is((await api.post('/v1/auth/login', { email, password: STRONG_PASSWORD }, agent)).status, 200);
  t.is((await mia.get('/v1/audit')).status, 403, 'a member does not read the audit log');
  t.is(
    (await mia.post('/v1/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'another-Horse-42' })).status,
    204,
  );
  const invitation = await owner.post('/v1/invitations', { email: 'leo@example.com', role: 'admin' });
  t.is((await owner.delete(`/v1/invitations/${invitation.body.id}`)).status, 204);
  t.is((await owner.patch(`/v1/members/${miaId}`, { role: 'admin' })).status, 200);
  t.is(
    (await owner.post('/v1/reports', { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'csv' })).status,
    202,
  );
  const poc = await owner.post('/v1/pocs', { name: 'Doomed', languages: ['Go'] });
  t.is((await owner.delete(`/v1/pocs/${poc.body.id}`)).status, 204);
  t.is((await owner.delete(`/v1/members/${miaId}`, agent)).status, 204);

  const entries = await allEntries(owner);
  const find = (action: string, targetId?: string) =>
    entries.find((e) => e.action === action && (targetId === undefined || e.targetId === targetId));
  t.like(find('auth.login_failed', miaId), { actorId: null, userAgent: 'AuditTest/1.0' });
  t.like(find('auth.login_succeeded', miaId), { actorId: miaId, userAgent: 'AuditTest/1.0' });
  t.truthy(find('auth.login_succeeded', miaId)?.ip);
  t.like(find('auth.password_changed', miaId), { actorId: miaId });
  t.like(find('invitation.created', invitation.body.id), { actorId: team.user.id, details: { role: 'admin' } });
  t.like(find('invitation.revoked', invitation.body.id), { actorId: team.user.id });
  t.like(find('invitation.accepted'), { actorId: miaId });
  t.like(find('member.role_changed', miaId), { details: { from: 'member', to: 'admin' } });
  t.truthy(find('export.report_requested'));
  t.like(find('poc.deleted', poc.body.id), { details: { name: 'Doomed' } });
  t.like(find('member.removed', miaId), { actorId: team.user.id, userAgent: 'AuditTest/1.0' });

  const aboutMia = await allEntries(owner, `&userId=${miaId}`);
  t.true(aboutMia.length >= 6);
  t.true(aboutMia.every((e) => e.actorId === miaId || e.targetId === miaId));
  const failures = await allEntries(owner, '&action=auth.login_failed');
  t.deepEqual(
    failures.map((e) => e.action),
    ['auth.login_failed'],
  );

  const other = await signUpTeam(api, 'Other Team');
  t.false(
    (await allEntries(other.owner)).some((e) => entries.some((mine) => mine.id === e.id)),
    'RLS keeps teams apart',
  );
});

test('cursor paging walks every entry once, newest first', async (t) => {
  const { owner, email } = await signUpTeam(api);
  for (let i = 0; i < 5; i++) await api.post('/v1/auth/login', { email, password: STRONG_PASSWORD });
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const reply: { status: number; body: { items: Entry[]; nextCursor: string | null } } = await owner.get(
      `/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    t.is(reply.status, 200);
    seen.push(...reply.body.items.map((e: Entry) => e.id));
    cursor = reply.body.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  const all = await allEntries(owner);
  t.deepEqual(
    seen,
    all.map((e) => e.id),
  );
  t.true(all.length >= 5);
  t.is((await owner.get('/v1/audit?cursor=bm9wZQ')).status, 400);
});

test('the CSV export holds the filtered entries, defuses formulas, and is itself recorded', async (t) => {
  const { owner, user, email } = await signUpTeam(api);
  await api.post('/v1/auth/login', { email, password: STRONG_PASSWORD }, { 'user-agent': '=HYPERLINK("evil")' });
  const response = await fetch(`${platform.url}/v1/audit/export?action=auth.login_succeeded`, {
    headers: { authorization: `Bearer ${owner.token}` },
  });
  t.is(response.status, 200);
  t.regex(response.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await response.text()).trimEnd().split('\r\n');
  t.is(lines[0], 'created_at,action,actor_id,actor_name,target_type,target_id,details,ip,user_agent');
  t.is(lines.length, 2);
  t.true(lines[1]!.includes(`auth.login_succeeded,${user.id},Olivia Owner,user,${user.id}`));
  t.true(lines[1]!.endsWith(`"'=HYPERLINK(""evil"")"`), lines[1]);
  const exports = await allEntries(owner, '&action=export.audit_csv');
  t.is(exports.length, 1);
  t.like(exports[0], { actorId: user.id, details: { action: 'auth.login_succeeded' } });
});

test('entries cannot be changed: not through the API, not by the app role, not even by the table owner', async (t) => {
  const { owner, email } = await signUpTeam(api);
  await api.post('/v1/auth/login', { email, password: STRONG_PASSWORD });
  const [entry] = await allEntries(owner);
  t.truthy(entry);
  const before = JSON.stringify(await allEntries(owner));

  for (const [method, path] of [
    ['PATCH', `/v1/audit/${entry!.id}`],
    ['DELETE', `/v1/audit/${entry!.id}`],
    ['PUT', `/v1/audit/${entry!.id}`],
    ['DELETE', '/v1/audit'],
    ['POST', '/v1/audit'],
  ] as const) {
    const reply = await owner.request(method, path, method === 'DELETE' ? undefined : { action: 'poc.deleted' });
    t.true([404, 405].includes(reply.status), `${method} ${path} → ${reply.status}`);
  }

  const asApp = (text: string) =>
    sql(platform.appUrl, `begin; select set_config('app.system', 'on', true); ${text}; commit`);
  await t.throwsAsync(asApp(`update audit_events set action = 'poc.deleted' where id = '${entry!.id}'`), {
    message: /permission denied/,
  });
  await t.throwsAsync(asApp(`delete from audit_events where id = '${entry!.id}'`), { message: /permission denied/ });
  await t.throwsAsync(asApp('truncate audit_events'), { message: /permission denied/ });
  const [row] = await sql<{ tenant_id: string }>(
    platform.ownerUrl,
    'select tenant_id from audit_events where id = $1',
    [entry!.id],
  );
  await t.throwsAsync(sql(platform.appUrl, 'select erase_audit_of_erased_team($1)', [row!.tenant_id]), {
    message: /is not being erased/,
  });

  const owned = (text: string) =>
    sql(platform.ownerUrl, `begin; select set_config('app.system', 'on', true); ${text}; commit`);
  await t.throwsAsync(owned(`update audit_events set action = 'poc.deleted' where id = '${entry!.id}'`), {
    message: /append-only/,
  });
  await t.throwsAsync(owned(`delete from audit_events where id = '${entry!.id}'`), { message: /append-only/ });
  await t.throwsAsync(owned('truncate audit_events'), { message: /append-only/ });

  t.is(JSON.stringify(await allEntries(owner)), before);
});
