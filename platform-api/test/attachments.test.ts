import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
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
