import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

test('upload through the presigned PUT, then download through the presigned GET', async (t) => {
  const { owner, tenant } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'With files', languages: ['go'] })).body;
  const content = 'hello attachment';
  const reply = await owner.post(`/v1/pocs/${created.id}/attachments`, {
    fileName: 'notes v1.txt',
    contentType: 'text/plain',
    bytes: Buffer.byteLength(content),
  });
  t.is(reply.status, 201);
  t.is(reply.body.method, 'PUT');
  t.true(reply.body.uploadUrl.includes(`tenants/${tenant.id}/pocs/${created.id}/`));
  const put = await fetch(reply.body.uploadUrl, { method: 'PUT', headers: reply.body.headers, body: content });
  t.is(put.status, 200);
  const list = await owner.get(`/v1/pocs/${created.id}/attachments`);
  t.is(list.status, 200);
  t.is(list.body.items.length, 1);
  t.like(list.body.items[0], { fileName: 'notes v1.txt', contentType: 'text/plain', bytes: content.length });
  const download = await fetch(list.body.items[0].url);
  t.is(download.status, 200);
  t.is(await download.text(), content);
});

test('size, type and name limits are enforced with field errors', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'Limits', languages: ['go'] })).body;
  const cases = [
    [{ fileName: 'a.exe', contentType: 'application/x-msdownload', bytes: 10 }, 'contentType'],
    [{ fileName: 'big.zip', contentType: 'application/zip', bytes: 26 * 1024 * 1024 }, 'bytes'],
    [{ fileName: 'empty.txt', contentType: 'text/plain', bytes: 0 }, 'bytes'],
    [{ fileName: '../../etc/passwd', contentType: 'text/plain', bytes: 10 }, 'fileName'],
    [{ fileName: 'x.html', contentType: 'text/html', bytes: 10 }, 'contentType'],
  ] as const;
  for (const [body, field] of cases) {
    const reply = await owner.post(`/v1/pocs/${created.id}/attachments`, body);
    t.is(reply.status, 400, JSON.stringify(body));
    t.is(reply.body.errors[0].field, field);
  }
  t.deepEqual((await owner.get(`/v1/pocs/${created.id}/attachments`)).body.items, []);
});

test('rename, preview inline, download as UTF-8 under the new name, delete', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'Notes', languages: ['Go'] })).body;
  const content = '# Anotações\n\nAção — coração ✓\n';
  const bytes = Buffer.from(content);
  const reply = await owner.post(`/v1/pocs/${created.id}/attachments`, {
    fileName: 'notes.md',
    contentType: 'text/markdown',
    bytes: bytes.length,
  });
  t.is((await fetch(reply.body.uploadUrl, { method: 'PUT', headers: reply.body.headers, body: bytes })).status, 200);
  const id = reply.body.attachment.id;

  const renamed = await owner.patch(`/v1/pocs/${created.id}/attachments/${id}`, { fileName: 'anotações.md' });
  t.is(renamed.status, 200);
  t.is(renamed.body.fileName, 'anotações.md');
  const [listed] = (await owner.get(`/v1/pocs/${created.id}/attachments`)).body.items;
  const download = await fetch(listed.url);
  t.is(download.headers.get('content-disposition'), "attachment; filename*=UTF-8''anota%C3%A7%C3%B5es.md");
  t.is(download.headers.get('content-type'), 'text/markdown; charset=utf-8');
  t.is(await download.text(), content);
  const preview = await fetch(listed.previewUrl);
  t.regex(preview.headers.get('content-disposition') ?? '', /^inline;/);

  const badName = await owner.patch(`/v1/pocs/${created.id}/attachments/${id}`, { fileName: '../x.md' });
  t.is(badName.status, 400);
  t.is((await owner.get(`/v1/pocs/${created.id}/attachments`)).body.items[0].fileName, 'anotações.md');

  t.is((await owner.delete(`/v1/pocs/${created.id}/attachments/${id}`)).status, 204);
  t.deepEqual((await owner.get(`/v1/pocs/${created.id}/attachments`)).body.items, []);
  t.is((await fetch(listed.url)).status, 404, 'the file is gone from the bucket too');
  t.is((await owner.delete(`/v1/pocs/${created.id}/attachments/${id}`)).status, 404);
});

test("a member cannot rename or delete someone else's POC's attachments", async (t) => {
  const team = await signUpTeam(api);
  const owner = team.owner;
  const created = (await owner.post('/v1/pocs', { name: 'Mine', languages: ['Go'] })).body;
  const reply = await owner.post(`/v1/pocs/${created.id}/attachments`, {
    fileName: 'a.txt',
    contentType: 'text/plain',
    bytes: 1,
  });
  const member = (await joinTeam(platform, owner, { email: 'max@example.com', name: 'Max' })).client;
  const path = `/v1/pocs/${created.id}/attachments/${reply.body.attachment.id}`;
  t.is((await member.patch(path, { fileName: 'b.txt' })).status, 403);
  t.is((await member.delete(path)).status, 403);
});
