import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import test from 'ava';
import { startAwsEmulator } from '../src/dev/testing/emulator.ts';
import { createSqsClient, ensureQueue } from '../src/runtime/aws.ts';
import { createLogger } from '../src/runtime/logger.ts';
import { envelopeHandler, QueueConsumer } from '../src/runtime/queue-consumer.ts';

const logger = createLogger('queue-consumer-test', 'silent');

async function queueWorld(t: import('ava').ExecutionContext, name: string) {
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  const queueUrl = await ensureQueue(sqs, name, { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 });
  t.teardown(async () => {
    sqs.destroy();
    await emulator.stop();
  });
  return { sqs, queueUrl };
}

test('a failed message comes back after the backoff, not the visibility timeout, and is deleted once handled', async (t) => {
  const { sqs, queueUrl } = await queueWorld(t, 'kit-retry');
  const received: number[] = [];
  const { promise: done, resolve: handled } = Promise.withResolvers<void>();
  const consumer = new QueueConsumer({
    sqs,
    queueUrl,
    logger,
    what: 'test message',
    waitTimeSeconds: 1,
    handle: async () => {
      received.push(Date.now());
      if (received.length === 1) throw new Error('first attempt fails');
      handled();
    },
  });
  t.teardown(() => consumer.stop());
  consumer.start();
  await consumer.ready();
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello' }));
  await done;
  const gap = received[1]! - received[0]!;
  // The first retry comes after 1 s (base); the queue's visibility timeout is 30 s.
  t.true(gap >= 900 && gap < 15_000, `came back after ${gap} ms`);
  await consumer.stop();
  await t.throwsAsync(consumer.ready(), { message: 'not running' });
  const left = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }));
  t.is(left.Messages?.length ?? 0, 0, 'the handled message was deleted');
});

test('a drained stop waits for the message in hand and deletes it', async (t) => {
  const { sqs, queueUrl } = await queueWorld(t, 'kit-drain');
  const { promise: held, resolve: release } = Promise.withResolvers<void>();
  const { promise: inHand, resolve: started } = Promise.withResolvers<void>();
  const consumer = new QueueConsumer({
    sqs,
    queueUrl,
    logger,
    what: 'test message',
    waitTimeSeconds: 1,
    batchSize: 1,
    stopMode: 'drain',
    handle: async () => {
      started();
      await held;
    },
  });
  consumer.start();
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'long job' }));
  await inHand;
  let stopped = false;
  const stopping = consumer.stop().then(() => {
    stopped = true;
  });
  // The stop cannot finish while the message is in hand (an aborting stop has finished by the
  // time a round trip to the queue is over): release it, then it does.
  await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  t.false(stopped);
  release();
  await stopping;
  const left = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0, VisibilityTimeout: 0 }),
  );
  t.is(left.Messages?.length ?? 0, 0, 'the drained message was deleted, not handed back');
});

test('envelopeHandler refuses a body that is not an envelope, naming the message', async (t) => {
  let malformed = 0;
  const handle = envelopeHandler(
    'test event',
    async () => t.fail('no envelope to handle'),
    () => malformed++,
  );
  const error = await t.throwsAsync(handle({ MessageId: 'm-1', Body: '{"type":"poc.upserted"}' }));
  t.is(error?.message, 'malformed test event m-1');
  t.is(malformed, 1);
});
