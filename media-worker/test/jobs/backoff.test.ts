import { retryDelaySeconds } from '@pocdojo/common/runtime/sqs-backoff';
import test from 'ava';

test('retry delays double per attempt up to the cap', (t) => {
  t.deepEqual(
    [1, 2, 3, 4, 5, 6].map((attempt) => retryDelaySeconds(attempt, 10, 60)),
    [10, 20, 40, 60, 60, 60],
  );
  t.is(retryDelaySeconds(1000, 10, 100_000), 43_200, 'never beyond the SQS visibility limit');
  t.is(retryDelaySeconds(3, 0, 60), 0);
});
