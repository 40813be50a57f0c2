import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import test from 'ava';
import { startAwsEmulatorServer } from '../src/dev/aws-emulator.ts';
import { listeningSockets } from '../src/dev/testing/listening-sockets.ts';
import { createS3Client } from '../src/runtime/aws.ts';
import { mediaBucketCors } from '../src/runtime/media-bucket-cors.ts';

const web = 'http://127.0.0.1:8080';

test('the emulator listens on loopback only', async (t) => {
  const emulator = await startAwsEmulatorServer({ port: 0 });
  t.teardown(() => emulator.stop());
  const mine = (await listeningSockets([process.pid])).filter((socket) => socket.port === emulator.port);
  t.deepEqual(
    mine.map((socket) => socket.address),
    ['127.0.0.1'],
  );
});

test('the bucket CORS rule allows a presigned PUT from the web origin, and nothing from another', async (t) => {
  const emulator = await startAwsEmulatorServer({ port: 0, cors: mediaBucketCors([web]) });
  t.teardown(() => emulator.stop());
  const s3 = createS3Client({ region: 'us-east-1', endpoint: emulator.address });
  await s3.send(new CreateBucketCommand({ Bucket: 'cors-test' }));
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: 'cors-test', Key: 'tenants/t/a.txt', ContentType: 'text/plain' }),
    { expiresIn: 60 },
  );
  const preflight = (origin: string, method = 'PUT') =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    });
  const allowed = await preflight(web);
  t.is(allowed.status, 200);
  t.is(allowed.headers.get('access-control-allow-origin'), web);
  t.regex(allowed.headers.get('access-control-allow-methods') ?? '', /PUT/);
  t.is(allowed.headers.get('access-control-allow-headers'), 'content-type');
  t.is((await preflight('http://evil.test')).status, 403);
  t.is((await preflight(web, 'DELETE')).status, 403);

  const put = await fetch(url, {
    method: 'PUT',
    headers: { origin: web, 'content-type': 'text/plain' },
    body: 'hello',
  });
  t.is(put.status, 200);
  t.is(put.headers.get('access-control-allow-origin'), web);
  t.is(put.headers.get('access-control-expose-headers'), 'ETag');
  const stored = await s3.send(new GetObjectCommand({ Bucket: 'cors-test', Key: 'tenants/t/a.txt' }));
  t.is(await stored.Body?.transformToString(), 'hello');
  // A request from another origin is served (S3 does not refuse it) but carries no allowance, so a browser blocks it.
  const foreign = await fetch(url.replace('a.txt', 'b.txt'), {
    method: 'GET',
    headers: { origin: 'http://evil.test' },
  });
  t.is(foreign.headers.get('access-control-allow-origin'), null);
});

test("a presigned GET's response-* parameters set the answer's headers, as on S3", async (t) => {
  const emulator = await startAwsEmulatorServer({ port: 0 });
  t.teardown(() => emulator.stop());
  const s3 = createS3Client({ region: 'us-east-1', endpoint: emulator.address });
  await s3.send(new CreateBucketCommand({ Bucket: 'overrides' }));
  const text = '# Título\n\nAção, coração — ✓\n';
  await s3.send(
    new PutObjectCommand({
      Bucket: 'overrides',
      Key: 'notes.md',
      Body: Buffer.from(text),
      ContentType: 'text/markdown',
    }),
  );
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: 'overrides',
      Key: 'notes.md',
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent('notas de ação.md')}`,
      ResponseContentType: 'text/markdown; charset=utf-8',
    }),
    { expiresIn: 60 },
  );
  const answer = await fetch(url);
  t.is(answer.status, 200);
  t.is(answer.headers.get('content-disposition'), "attachment; filename*=UTF-8''notas%20de%20a%C3%A7%C3%A3o.md");
  t.is(answer.headers.get('content-type'), 'text/markdown; charset=utf-8');
  t.is(await answer.text(), text);
  const plain = await fetch(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'overrides', Key: 'notes.md' })));
  t.is(plain.headers.get('content-disposition'), null, 'without the parameters, the object keeps its own headers');
  t.is(plain.headers.get('content-type'), 'text/markdown');
});
