import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createS3Client } from '@pocdojo/common/runtime/aws';
import test from 'ava';
import { type Encryption, ObjectStore } from '../../src/adapters/object-store.ts';

const encryptions: Encryption[] = [
  { mode: 'off' },
  { mode: 'AES256' },
  { mode: 'aws:kms', keyId: 'alias/pocdojo-media' },
];

for (const encryption of encryptions) {
  test(`put/head round-trips an object with its job id (encryption ${encryption.mode})`, async (t) => {
    const emulator = await startAwsEmulator();
    t.teardown(() => emulator.stop());
    const s3 = createS3Client(emulator.settings);
    await s3.send(new CreateBucketCommand({ Bucket: 'media' }));
    // The emulator ignores SSE, so check what the worker asks S3 for on the wire.
    const sent: Record<string, string>[] = [];
    s3.middlewareStack.add(
      (next) => async (args) => {
        sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const store = new ObjectStore(s3, 'media', encryption);
    const key = 'tenants/t1/reports/j1.csv';
    t.is(await store.head(key), null);
    await store.put(key, new TextEncoder().encode('a,b\r\n'), 'text/csv; charset=utf-8', 'job-1');
    t.deepEqual(await store.head(key), { key, bytes: 5, contentType: 'text/csv; charset=utf-8', jobId: 'job-1' });
    const put = sent.find((headers) => headers['x-amz-meta-job-id'] === 'job-1');
    t.is(put?.['x-amz-server-side-encryption'], encryption.mode === 'off' ? undefined : encryption.mode);
    t.is(
      put?.['x-amz-server-side-encryption-aws-kms-key-id'],
      encryption.mode === 'aws:kms' ? encryption.keyId : undefined,
    );
  });
}
