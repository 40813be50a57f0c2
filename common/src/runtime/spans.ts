import { type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** The tracer the services' own spans (renders, deliveries, runs, matchmaking) come from; a no-op while tracing is off. */
export const tracer = () => trace.getTracer('pocdojo');

/** Runs `work` in an internal span of the service's own (a render, a delivery, a run). */
export function traced<T>(name: string, attributes: Record<string, string | number>, work: () => Promise<T>) {
  return tracer().startActiveSpan(name, { attributes }, (span) => inSpan(span, work));
}

/** Ends `span` when `work` settles, marking it failed (with the exception) when `work` throws. */
export async function inSpan<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
