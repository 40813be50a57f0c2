import { randomUUID } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import type { Context, Next } from 'koa';
import { REQUEST_ID_BAGGAGE } from './message-tracing.ts';

/**
 * The request's id: a sane incoming `X-Request-Id`, else the trace id of the
 * request's span (so the id in the logs is the id to look the trace up by),
 * else a random UUID (tracing off).
 */
export function requestIdOf(ctx: Context): string {
  const incoming = ctx.get('x-request-id');
  if (/^[\w-]{8,64}$/.test(incoming)) return incoming;
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? span.traceId : randomUUID();
}

/**
 * Runs the rest of the request with its id in the trace's baggage, so every
 * message it causes (through the outbox too) carries it to the consumers and
 * workers, whose log lines show it. The id is also an attribute of the span.
 */
export function withRequestId(requestId: string, next: Next): Promise<unknown> {
  // The HTTP server span (the request's own), not the active Koa middleware span.
  const span = getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
  if (!span) return next();
  span.setAttribute(REQUEST_ID_BAGGAGE, requestId);
  const baggage = (propagation.getBaggage(context.active()) ?? propagation.createBaggage()).setEntry(
    REQUEST_ID_BAGGAGE,
    { value: requestId },
  );
  return context.with(propagation.setBaggage(context.active(), baggage), next);
}
