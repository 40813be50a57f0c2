import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from '@pocdojo/common/runtime/spans';

/**
 * Share of room messages traced (`DOJO_TRACE_MESSAGE_RATIO`, default 1 %): a
 * typing participant sends several a second, so tracing each would drown the
 * traces that matter; a sample still shows what handling one costs.
 */
const ratio = Math.min(1, Math.max(0, Number(process.env.DOJO_TRACE_MESSAGE_RATIO ?? '0.01') || 0));

/** Handles one room message, inside a span `dojo message {type}` for a sampled share of them. */
export function withMessageSpan<T>(type: string, roomId: string, handle: () => T, sample = Math.random()): T {
  if (sample >= ratio) return handle();
  return tracer().startActiveSpan(
    `dojo message ${type}`,
    { kind: SpanKind.SERVER, attributes: { 'dojo.message.type': type, 'dojo.room_id': roomId } },
    (span) => {
      try {
        return handle();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
