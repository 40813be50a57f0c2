import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseEnvelope, Queues } from '@pocdojo/common/contracts/events';
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

async function receiveAll(expected: number) {
  const events = [];
  const deadline = Date.now() + 10_000;
  while (events.length < expected && Date.now() < deadline) {
    const out = await platform.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: platform.queueUrls[Queues.pocEvents],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    for (const message of out.Messages ?? []) {
      events.push({ envelope: parseEnvelope(message.Body ?? ''), attributes: message.MessageAttributes });
      await platform.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: platform.queueUrls[Queues.pocEvents],
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
    }
  }
  return events;
}

test.serial('create, update and delete reach poc-events in order, with growing versions', async (t) => {
  const { owner, tenant } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'Evented', languages: ['Go'], tags: ['Queue'] })).body;
  await owner.patch(`/v1/pocs/${created.id}`, { name: 'Evented twice' }, { 'if-match': '"1"' });
  await owner.delete(`/v1/pocs/${created.id}`);
  const events = await receiveAll(3);
  t.is(events.length, 3);
  const [first, second, third] = events.map((e) => e.envelope);
  t.is(first?.type, 'poc.upserted');
  t.is(second?.type, 'poc.upserted');
  t.is(third?.type, 'poc.deleted');
  t.true(events.every((e) => e.envelope.tenantId === tenant.id));
  t.is(events[0]?.attributes?.type?.StringValue, 'poc.upserted');
  if (first?.type !== 'poc.upserted' || second?.type !== 'poc.upserted' || third?.type !== 'poc.deleted') return;
  t.like(first.data, { id: created.id, name: 'Evented', languages: ['Go'], tags: ['Queue'], version: 1 });
  t.is(first.data.tenantId, tenant.id);
  t.like(second.data, { name: 'Evented twice', version: 2 });
  t.deepEqual(third.data, { id: created.id, version: 3 });
  t.true(new Set(events.map((e) => e.envelope.id)).size === 3);
});

test.serial('a change that fails writes no event', async (t) => {
  const { owner } = await signUpTeam(api);
  const created = (await owner.post('/v1/pocs', { name: 'Once', languages: ['go'] })).body;
  await receiveAll(1);
  const stale = await owner.patch(`/v1/pocs/${created.id}`, { name: 'Nope' }, { 'if-match': '"7"' });
  t.is(stale.status, 412);
  const invalid = await owner.post('/v1/pocs', { name: '', languages: ['go'] });
  t.is(invalid.status, 400);
  await platform.api.relay.flush();
  const out = await platform.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: platform.queueUrls[Queues.pocEvents], WaitTimeSeconds: 1 }),
  );
  t.is(out.Messages?.length ?? 0, 0);
});
