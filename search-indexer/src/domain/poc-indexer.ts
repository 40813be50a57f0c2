import type { TypedEnvelope } from '@pocdojo/common/events';
import { EventTypes } from '@pocdojo/common/events';
import type { TenantId } from '@pocdojo/common/ids';
import { KeyedMutex } from './keyed-mutex.ts';
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
 * resurrect a deleted POC.
 */
export class PocIndexer {
  readonly #engine: SearchEngine;
  readonly #mutex = new KeyedMutex();

  constructor(engine: SearchEngine) {
    this.#engine = engine;
  }

  apply(envelope: TypedEnvelope): Promise<ApplyOutcome> {
    if (envelope.type === EventTypes.pocUpserted) {
      const poc = envelope.data;
      if (poc.tenantId !== envelope.tenantId) {
        throw new PoisonEventError(`poc.upserted ${envelope.id}: data.tenantId differs from the envelope's tenantId`);
      }
      return this.#mutex.run(poc.id, async () => {
        if (await this.#isStale(envelope.tenantId as TenantId, poc.id, poc.version)) return 'stale';
        await this.#engine.upsert([poc]);
        return 'applied';
      });
    }
    if (envelope.type === EventTypes.pocDeleted) {
      const { id, version } = envelope.data;
      return this.#mutex.run(id, async () => {
        const tenantId = envelope.tenantId as TenantId;
        if (await this.#isStale(tenantId, id, version)) return 'stale';
        await this.#engine.remove(tenantId, id, version);
        return 'applied';
      });
    }
    return Promise.resolve('ignored');
  }

  async #isStale(tenantId: TenantId, id: string, version: number): Promise<boolean> {
    const current = await this.#engine.versionOf(tenantId, id);
    return current !== undefined && current.version >= version;
  }
}
