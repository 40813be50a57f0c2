import { randomUUID } from 'node:crypto';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { Envelope } from '@pocdojo/common/events';
import { EventTypes } from '@pocdojo/common/events';

/** The envelope platform-api's outbox relay would publish for an upsert. */
export function upserted(poc: SearchablePoc): Envelope<SearchablePoc> {
  return {
    id: randomUUID(),
    type: EventTypes.pocUpserted,
    tenantId: poc.tenantId,
    occurredAt: poc.updatedAt,
    data: poc,
  };
}

/** The envelope for a delete at `version`. */
export function deleted(poc: SearchablePoc, version: number): Envelope<{ id: string; version: number }> {
  return {
    id: randomUUID(),
    type: EventTypes.pocDeleted,
    tenantId: poc.tenantId,
    occurredAt: new Date().toISOString(),
    data: { id: poc.id, version },
  };
}
