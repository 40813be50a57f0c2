import { defineEntity, p } from '@mikro-orm/core';

/**
 * An event written in the same transaction as the change it describes, relayed
 * to SQS afterwards (at least once, in `seq` order).
 */
export const OutboxEvent = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox',
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    id: p.uuid(),
    tenantId: p.uuid(),
    queue: p.text(),
    type: p.text(),
    groupKey: p.text(),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().onCreate(() => new Date()),
    lastError: p.text().nullable(),
    /** The writing request's trace context, continued when the event is published. */
    traceContext: p.json<Record<string, string>>().nullable(),
  },
});
export type OutboxEventEntity = InstanceType<typeof OutboxEvent.class>;
