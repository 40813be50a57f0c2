import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventData, EventType, QueueName } from '@pocdojo/common/events';
import type { TenantId } from '@pocdojo/common/ids';
import { OutboxEvent } from '../db/entities/OutboxEvent.ts';

/**
 * Records an event in the outbox inside the caller's transaction: it is
 * published if and only if the change commits. `groupKey` (a POC id, a job id)
 * keeps related events in order.
 */
export function recordEvent<K extends EventType>(
  em: EntityManager,
  event: { queue: QueueName; type: K; tenantId: TenantId; groupKey: string; data: EventData[K] },
): void {
  const id = randomUUID();
  em.create(OutboxEvent, {
    id,
    tenantId: event.tenantId,
    queue: event.queue,
    type: event.type,
    groupKey: event.groupKey,
    payload: { id, type: event.type, tenantId: event.tenantId, occurredAt: new Date().toISOString(), data: event.data },
    sentAt: null,
  });
}
