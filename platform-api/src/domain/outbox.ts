import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventData, EventType, QueueName } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { currentTraceCarrier } from '@pocdojo/common/runtime/message-tracing';
import { OutboxEvent } from '../db/entities/OutboxEvent.ts';

/** What an outbox row is made of. */
export interface OutboxRecord<K extends EventType = EventType> {
  queue: QueueName;
  type: K;
  tenantId: TenantId;
  groupKey: string;
  data: EventData[K];
}

/** The event envelope stored as the row's payload and published as the message body. */
function outboxEnvelope<K extends EventType>(event: OutboxRecord<K>) {
  const id = randomUUID();
  return { id, type: event.type, tenantId: event.tenantId, occurredAt: new Date().toISOString(), data: event.data };
}

/** The trace context of the request writing the event; null when nothing is traced. */
function traceContext(): Record<string, string> | null {
  const carrier = currentTraceCarrier();
  return Object.keys(carrier).length ? carrier : null;
}

/**
 * Records an event in the outbox inside the caller's transaction: it is
 * published if and only if the change commits. `groupKey` (a POC id, a job id)
 * keeps related events in order.
 */
export function recordEvent<K extends EventType>(em: EntityManager, event: OutboxRecord<K>): void {
  const payload = outboxEnvelope(event);
  em.create(OutboxEvent, {
    id: payload.id,
    tenantId: event.tenantId,
    queue: event.queue,
    type: event.type,
    groupKey: event.groupKey,
    payload,
    sentAt: null,
    traceContext: traceContext(),
  });
}

/**
 * The same row for raw SQL (`TenantSql`): a statement fragment that inserts it
 * from a `select`, and its values. Append it to the statement of the change it
 * describes, so both commit together.
 */
export function outboxInsert<K extends EventType>(event: OutboxRecord<K>): { sql: string; values: string[] } {
  const payload = outboxEnvelope(event);
  return {
    sql: 'insert into outbox (id, tenant_id, queue, type, group_key, payload, trace_context) select ?::uuid, ?::uuid, ?, ?, ?, ?::jsonb, ?::jsonb',
    values: [
      payload.id,
      event.tenantId,
      event.queue,
      event.type,
      event.groupKey,
      JSON.stringify(payload),
      JSON.stringify(traceContext()),
    ],
  };
}
