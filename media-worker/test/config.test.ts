import { ConfigError } from '@pocdojo/common/runtime/config';
import test from 'ava';
import { loadMediaWorkerConfig } from '../src/config.ts';

const base = {
  S3_BUCKET: 'pocdojo-media',
  INTERNAL_TOKEN: 'a-long-enough-internal-token',
  PLATFORM_API_URL: 'http://127.0.0.1:3000',
};

test('the env of scripts/services.ts is enough, with documented defaults', (t) => {
  const env = loadMediaWorkerConfig({
    ...base,
    PORT: '7702',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    AWS_REGION: 'us-east-1',
  });
  t.is(env.PORT, 7702);
  t.is(env.MEDIA_JOBS_QUEUE, 'media-jobs');
  t.is(env.MEDIA_RESULTS_QUEUE, 'media-results');
  t.is(env.MEDIA_CONCURRENCY, 2);
  t.is(env.S3_SSE, '');
});

test('a missing or bad variable is named', (t) => {
  const error = t.throws(
    () => loadMediaWorkerConfig({ ...base, PLATFORM_API_URL: 'not a url', S3_BUCKET: undefined }),
    {
      instanceOf: ConfigError,
    },
  );
  t.regex(error.message, /PLATFORM_API_URL/);
  t.regex(error.message, /S3_BUCKET/);
});

test('KMS encryption needs a key id, and the heartbeat must beat within the lease', (t) => {
  t.throws(() => loadMediaWorkerConfig({ ...base, S3_SSE: 'aws:kms' }), { message: /S3_KMS_KEY_ID/ });
  t.notThrows(() => loadMediaWorkerConfig({ ...base, S3_SSE: 'aws:kms', S3_KMS_KEY_ID: 'alias/media' }));
  t.throws(
    () => loadMediaWorkerConfig({ ...base, MEDIA_VISIBILITY_TIMEOUT_SECONDS: '30', MEDIA_HEARTBEAT_SECONDS: '30' }),
    { message: /MEDIA_HEARTBEAT_SECONDS/ },
  );
});
