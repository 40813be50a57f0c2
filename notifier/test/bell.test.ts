import { randomUUID } from 'node:crypto';
import test from 'ava';
import { NotifierWorld, notificationEnvelope } from './helpers/notifier-world.ts';

/** Reads Server-Sent Events from a fetch body, yielding each `data:` of event `unread`. */
async function* unreadEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<number> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.includes('event: unread')) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) yield JSON.parse(data.slice(6)).unreadCount;
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

test('the bell pages with a cursor, counts unread, marks read, and streams the count live', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  const notifier = await world.startNotifier();
  const tenantId = randomUUID();
  const user = { userId: randomUUID(), email: 'lia@acme.test', name: 'Lia', locale: 'pt-BR' as const };
  const token = await world.token(tenantId, user.userId);

  const abort = new AbortController();
  t.teardown(() => abort.abort());
  const stream = await fetch(`${notifier.url}/v1/notifications/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  t.is(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const counts = unreadEvents(stream.body!);
  // Notifies may coalesce or repeat: wait until the stream says `value`.
  const until = async (value: number) => {
    for (let next = await counts.next(); !next.done; next = await counts.next()) if (next.value === value) return value;
    return -1;
  };
  t.is(await until(0), 0);

  const events = Array.from({ length: 5 }, (_, i) =>
    notificationEnvelope(tenantId, {
      kind: 'dojo.scheduled',
      recipients: [user],
      params: { dojoTitle: `Kata ${i}`, startsAt: '2026-12-24T13:00:00Z' },
      link: `/dojos/${i}`,
    }),
  );
  await world.publish(...events);
  t.is(await until(5), 5);

  const first = await world.api(notifier, token, '/v1/notifications?limit=2');
  t.is(first.body.items.length, 2);
  t.is(first.body.unreadCount, 5);
  const second = await world.api(notifier, token, `/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
  const third = await world.api(notifier, token, `/v1/notifications?limit=2&cursor=${second.body.nextCursor}`);
  t.is(third.body.items.length, 1);
  t.is(third.body.nextCursor, null);
  const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: string }) => i.id);
  t.is(new Set(ids).size, 5);
  t.is((await world.api(notifier, token, '/v1/notifications?cursor=garbage')).status, 400);

  const read = await world.api(notifier, token, `/v1/notifications/${ids[0]}/read`, { method: 'POST' });
  t.is(read.body.unreadCount, 4);
  t.is(await until(4), 4);
  t.is((await world.api(notifier, token, '/v1/notifications/read-all', { method: 'POST' })).body.unreadCount, 0);
  t.is(await until(0), 0);
  t.is((await world.api(notifier, token, '/v1/notifications?unread=true')).body.items.length, 0);
  t.is((await fetch(`${notifier.url}/v1/notifications`)).status, 401);
});
