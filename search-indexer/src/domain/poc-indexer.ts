import type { TypedEnvelope } from '@pocdojo/common/contracts/events';
import { EventTypes } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { SearchEngine } from './search-engine.ts';

/** What applying an event did: changed the index, or nothing (stale, duplicate, not ours). */
export type ApplyOutcome = 'applied' | 'stale' | 'ignored';

/** Thrown for an event that can never be applied (it belongs in the dead-letter queue). */
export class PoisonEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonEventError';
  }
}

/**
 * Applies POC events to the engine, idempotently: an event whose version is
 * not newer than what the index holds (live or tombstone) changes nothing, so
 * duplicates and out-of-order deliveries are harmless and a late upsert cannot
 * resurrect a deleted POC. The engine checks the version as it writes, so any
 * number of indexers (replicas) may consume the same queue.
 */
export class PocIndexer {
  readonly #engine: SearchEngine;

  constructor(engine: SearchEngine) {
    this.#engine = engine;
  }

  apply(envelope: TypedEnvelope): Promise<ApplyOutcome> {
    if (envelope.type === EventTypes.pocUpserted) {
      const poc = envelope.data;
      if (poc.tenantId !== envelope.tenantId) {
        throw new PoisonEventError(`poc.upserted ${envelope.id}: data.tenantId differs from the envelope's tenantId`);
      }
      return this.#engine.upsert([poc]).then((written) => (written.length ? 'applied' : 'stale'));
    }
    if (envelope.type === EventTypes.pocDeleted) {
      const { id, version } = envelope.data;
      return this.#engine
        .remove(envelope.tenantId as TenantId, id, version)
        .then((removed) => (removed ? 'applied' : 'stale'));
    }
    if (envelope.type === EventTypes.tenantErased) {
      return this.#engine.removeTenant(envelope.tenantId as TenantId).then(() => 'applied');
    }
    return Promise.resolve('ignored');
  }
}
