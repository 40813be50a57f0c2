import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { EventTypes, Queues } from '@pocdojo/common/contracts/events';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { startDojoEventsConsumer } from '../../src/events/dojo-events-consumer.ts';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { defaultSettings, dojoFixture } from '../helpers/tickets.ts';

/**
 * platform-api → dojo-engine: a `dojo.settings_changed` event on the real SQS
 * API (the fauxqs emulator) reaches the live room through the engine's
 * consumer, without anyone rejoining.
 */
let engine: TestEngine;
let emulator: Awaited<ReturnType<typeof startAwsEmulator>>;
let sqs: SQSClient;
let queueUrl: string;
let consumer: { stop(): Promise<void> };
test.before(async () => {
  emulator = await startAwsEmulator();
  sqs = createSqsClient(emulator.settings);
  queueUrl = await ensureQueue(sqs, Queues.dojoEvents);
  engine = await startEngine();
  consumer = startDojoEventsConsumer({ sqs, queueUrl, logger: createLogger('test', 'silent') });
});
test.after.always(async () => {
  await consumer?.stop();
  await engine?.close();
  await emulator?.stop();
});

const FILE = 'fizzbuzz.ts';

/** The message platform-api's outbox relay publishes after PATCH /v1/dojos/:id. */
function publish(tenantId: string, dojoId: string, changes: Partial<typeof defaultSettings>) {
  const { files: _files, ...settings } = { ...defaultSettings, ...changes };
  const envelope = {
    id: randomUUID(),
    type: EventTypes.dojoSettingsChanged,
    tenantId,
    occurredAt: new Date().toISOString(),
    data: { dojoId, settings },
  };
  return sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(envelope) }));
}

test.serial(
  'a settings event switches the live room to "driver": connected navigators are refused at once',
  async (t) => {
    const dojo = dojoFixture(engine.key, { editPolicy: 'everyone', version: 2 });
    const driverId = randomUUID();
    const driver = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: driverId, name: 'Dee' }));
    const navigator = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Nav' }));
    await eventually(() => navigator.text(FILE) !== undefined && navigator.state?.driverUserId === driverId, 5000);

    // Events of another tenant, and older versions, change nothing.
    await publish(randomUUID(), dojo.dojoId, { editPolicy: 'driver', version: 9 });
    await publish(dojo.tenantId, dojo.dojoId, { editPolicy: 'driver', version: 1 });
    await publish(dojo.tenantId, dojo.dojoId, { editPolicy: 'driver', version: 3, title: 'Renamed kata' });
    await eventually(() => navigator.snapshot?.editPolicy === 'driver', 15_000, 'the navigator sees the new policy');
    t.is(navigator.snapshot?.title, 'Renamed kata');

    navigator.type(FILE, 0, 'x');
    await eventually(() => navigator.errors.some((error) => error.code === 'edit_forbidden'), 5000, 'refused');
    t.false(driver.text(FILE)?.startsWith('x'));

    // Back to "everyone" (version 4): the navigator may edit again.
    await publish(dojo.tenantId, dojo.dojoId, { editPolicy: 'everyone', version: 4 });
    await eventually(() => navigator.snapshot?.editPolicy === 'everyone', 15_000, 'policy back to everyone');
    await eventually(() => navigator.text(FILE) === driver.text(FILE), 5000, 'reset settled');
    navigator.type(FILE, 0, 'y');
    await eventually(() => driver.text(FILE)?.startsWith('y') === true, 5000, 'the edit reaches the driver');
    await driver.leave();
    await navigator.leave();
  },
);
