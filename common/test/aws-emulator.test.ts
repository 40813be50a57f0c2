import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import test from 'ava';
import { createS3Client } from '../src/aws.ts';
import { startAwsEmulatorServer } from '../src/aws-emulator.ts';
import { mediaBucketCors } from '../src/media-bucket-cors.ts';
import { listeningSockets } from '../src/testing/listening-sockets.ts';

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
