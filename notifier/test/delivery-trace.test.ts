/**
 * A delivery, sent later by the dispatcher's poller, still belongs to the trace
 * of the request that asked for the notification. Tracing starts before the
 * notifier's modules load (the SDK's in-memory exporter), so they are imported below.
 */
import { randomUUID } from 'node:crypto';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTracing } from '@pocdojo/common/runtime/tracing';
import test from 'ava';

const exporter = new InMemorySpanExporter();
startTracing({ service: 'notifier-test', exporter, simple: true });
const { NotifierWorld, notificationEnvelope } = await import('./helpers/notifier-world.ts');

test("an e-mail delivery continues the trace of the event's producer, through the consumer", async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  await world.startNotifier();
  const event = notificationEnvelope(randomUUID(), {
    kind: 'job.succeeded',
    recipients: [{ userId: randomUUID(), email: 'ana@acme.test', name: 'Ana', locale: 'pt-BR' }],
    params: { jobKind: 'video' },
    link: '/media?job=1',
  });
  // The producer: a span of ours publishing the event (SQS carries its context in message attributes).
  const traceId = await trace
    .getTracer('test')
    .startActiveSpan('producer', { kind: SpanKind.PRODUCER }, async (span) => {
      await world.publish(event);
      span.end();
      return span.spanContext().traceId;
    });
  await world.inbox.waitFor(() => world.inbox.emails.length >= 1);
  let spans: ReadableSpan[] = [];
  const deadline = Date.now() + 30_000;
  const isEmail = (s: ReadableSpan) =>
    s.name === 'notification deliver' && s.attributes['notification.channel'] === 'email';
  while (!spans.some(isEmail) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  }
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const ancestry = (span: ReadableSpan) => {
    const names: string[] = [];
    for (let s: ReadableSpan | undefined = span; s; s = byId.get(s.parentSpanContext?.spanId ?? '')) names.push(s.name);
    return names;
  };
  const deliver = spans.find(isEmail);
  t.truthy(deliver, 'the e-mail delivery is in the trace');
  // deliver ← notifications process ← notifications send ← producer
  t.deepEqual(ancestry(deliver!).slice(1), ['notifications process', 'notifications send', 'producer']);
});
