import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { EventTypes, Queues } from '@pocdojo/common/contracts/events';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { startDojoEventsConsumer } from '../../src/events/dojo-events-consumer.ts';
import { PostgresDojoStore } from '../../src/persistence/postgres-dojo-store.ts';
import { createMigratedDatabase } from '../helpers/database.ts';

/**
 * platform-api → dojo-engine: after a member deletes their account, the
 * `member.erased` event on the real SQS API (fauxqs) takes their name off their
 * chat in the engine's own Postgres; what they said stays, attributed to nobody.
 */
test('a member.erased event anonymises the member’s chat in every dojo of their team', async (t) => {
  const database = await createMigratedDatabase();
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  const queueUrl = await ensureQueue(sqs, Queues.dojoEvents);
  const store = new PostgresDojoStore(database.appUrl, { maxConnections: 2 });
  const consumer = startDojoEventsConsumer({ sqs, queueUrl, logger: createLogger('test', 'silent'), store });
  try {
    const dojoId = randomUUID() as DojoId;
    const tenantId = await store.registerDojo(dojoId, randomUUID() as TenantId);
    const mia = randomUUID() as UserId;
    const ada = randomUUID() as UserId;
    const chat = (userId: UserId, name: string, text: string) => ({
      dojoId,
      tenantId,
      kind: 'chat' as const,
      userId,
      name,
      data: { text },
      at: Date.now(),
    });
    await store.appendHistory([chat(mia, 'Mia', 'olá'), chat(ada, 'Ada', 'oi Mia')]);
    const envelope = {
      id: randomUUID(),
      type: EventTypes.memberErased,
      tenantId,
      occurredAt: new Date().toISOString(),
      data: { userId: mia },
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(envelope) }));
    const attribution = async () => (await store.recentChat(tenantId, dojoId, 10)).map((e) => [e.userId, e.name]);
    // Polls the store until the consumer has applied the event (or fails after 10 s).
    const deadline = Date.now() + 10_000;
    while ((await attribution())[0]?.[0] !== null) {
      if (Date.now() > deadline) throw new Error('the event was not applied within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    t.deepEqual(await attribution(), [
      [null, null],
      [ada, 'Ada'],
    ]);
    t.deepEqual(
      (await store.recentChat(tenantId, dojoId, 10)).map((e) => e.data.text),
      ['olá', 'oi Mia'],
    );
  } finally {
    await consumer.stop();
    await store.close();
    await emulator.stop();
    await database.drop();
  }
});
