import { retryBackoffSeconds } from '@pocdojo/common/runtime/sqs-backoff';
import test from 'ava';

const received = (count: number | undefined) => ({
  MessageId: 'm',
  Attributes: count === undefined ? {} : { ApproximateReceiveCount: String(count) },
});

test('failed messages come back after 1, 2, 4 … seconds, capped', (t) => {
  t.deepEqual(
    [1, 2, 3, 4, 5].map((n) => retryBackoffSeconds([received(n)])),
    [1, 2, 4, 8, 16],
  );
  t.is(retryBackoffSeconds([received(30)]), 300);
});

test('a batch backs off by its most-received message; a missing count counts as the first receive', (t) => {
  t.is(retryBackoffSeconds([received(1), received(4)]), 8);
  t.is(retryBackoffSeconds([received(undefined)]), 1);
});
