import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { inSpan, tracer } from './spans.ts';

/** A trace context as text (`traceparent`, `tracestate`, `baggage`): what an outbox row keeps. */
export type TraceCarrier = Record<string, string>;

/** The baggage entry carrying the request id from the HTTP request to every consumer and worker. */
export const REQUEST_ID_BAGGAGE = 'request.id';

/** The current trace context as text; empty when nothing is traced. */
export function currentTraceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** A carrier as SQS message attributes (String attributes named after the fields). */
export function carrierAttributes(carrier: TraceCarrier): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(carrier).map(([key, value]) => [key, { DataType: 'String', StringValue: value }]),
  );
}

const attributesGetter: TextMapGetter<Record<string, MessageAttributeValue> | undefined> = {
  keys: (attributes) => Object.keys(attributes ?? {}),
  get: (attributes, key) => attributes?.[key]?.StringValue,
};

/** The trace context a message carries (ROOT when it carries none). */
export function messageContext(message: Pick<Message, 'MessageAttributes'>): Context {
  return propagation.extract(ROOT_CONTEXT, message.MessageAttributes, attributesGetter);
}

/**
 * Runs `handle` inside a CONSUMER span `${queue} process`, child of the trace
 * the message carries (and linked to it), so the consumer's work — its queries,
 * its own publishes, its log lines' trace id — joins the trace of the request
 * that caused it. The span fails when `handle` throws. `queue` is the
 * queue's name or URL.
 */
export function processMessage<T>(
  queue: string,
  message: Pick<Message, 'MessageAttributes' | 'MessageId'>,
  handle: (span: Span) => Promise<T>,
): Promise<T> {
  queue = queueName(queue);
  const parent = messageContext(message);
  const producer = trace.getSpanContext(parent);
  return tracer().startActiveSpan(
    `${queue} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'aws_sqs',
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'messaging.message.id': message.MessageId ?? '',
      },
      links: producer ? [{ context: producer }] : [],
    },
    parent,
    (span) => inSpan(span, () => handle(span)),
  );
}

/** An sqs-consumer `handleMessage` whose every message is processed in its own span ({@link processMessage}). */
export function tracedHandler<M extends Pick<Message, 'MessageAttributes' | 'MessageId'>, R>(
  queue: string,
  handle: (message: M) => Promise<R>,
): (message: M) => Promise<R> {
  return (message) => processMessage(queue, message, () => handle(message));
}

const queueName = (nameOrUrl: string) => nameOrUrl.slice(nameOrUrl.lastIndexOf('/') + 1);

/**
 * Runs `publish` inside a PRODUCER span `${queue} publish` whose parent is a
 * stored carrier (an outbox row's), and gives it the carrier of that span to
 * put in the message. The outbox relay publishes long after the request: this
 * is how the message still continues the request's trace.
 */
export function publishFromCarrier<T>(
  queue: string,
  carrier: TraceCarrier | null | undefined,
  publish: (carrier: TraceCarrier) => T,
): T {
  const parent = propagation.extract(ROOT_CONTEXT, carrier ?? {});
  if (!trace.getSpanContext(parent)) return publish({});
  const span = tracer().startSpan(
    `${queue} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'aws_sqs', 'messaging.destination.name': queue },
    },
    parent,
  );
  try {
    return context.with(trace.setSpan(parent, span), () => publish(currentTraceCarrier()));
  } finally {
    span.end();
  }
}

/**
 * Runs `work` in a span continuing a stored trace context (a delivery row's,
 * say): work done long after, by a poller, still shows in the trace of the
 * request that caused it. A new trace when the carrier holds none.
 */
export function tracedFromCarrier<T>(
  carrier: TraceCarrier | null | undefined,
  name: string,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, carrier ?? {});
  return tracer().startActiveSpan(name, { attributes }, parent, (span) => inSpan(span, work));
}

/**
 * Runs `send` without automatic SQS instrumentation, so the AWS SDK's send
 * span does not replace the trace context the messages already carry.
 */
export function withoutAutomaticTracing<T>(send: () => T): T {
  return context.with(suppressTracing(context.active()), send);
}
