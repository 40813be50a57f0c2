import { Migration } from '@mikro-orm/migrations';

/**
 * The trace context of the request that wrote an outbox event (`traceparent`,
 * `tracestate`, `baggage`), so the relay publishes the event as part of that
 * request's trace, however late it is sent. Null when nothing was traced.
 */
export class Migration20261202010000OutboxTraceContext extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table outbox add column trace_context jsonb`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table outbox drop column trace_context`);
  }
}
