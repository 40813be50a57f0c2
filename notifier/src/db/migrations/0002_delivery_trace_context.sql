-- The trace context of the event that caused a delivery (traceparent, tracestate, baggage), so the
-- dispatcher's send continues the trace of the request that asked for the notification. Null when
-- nothing was traced.
alter table deliveries add column trace_context jsonb;
