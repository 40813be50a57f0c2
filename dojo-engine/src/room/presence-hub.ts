import type { PresenceBatch, PresenceEntry } from '@pocdojo/common/contracts/dojo-protocol/messages';

/**
 * Coalesces presence (cursor, selection, typing): only the latest update of
 * each session since the last flush is sent, so a client moving its cursor at
 * 100 Hz costs the room one entry per flush interval. Never persisted.
 */
export class PresenceHub {
  readonly #latest = new Map<string, PresenceEntry>();
  readonly #dirty = new Set<string>();
  readonly #removed = new Set<string>();

  update(entry: PresenceEntry): void {
    this.#latest.set(entry.sessionId, entry);
    this.#dirty.add(entry.sessionId);
    this.#removed.delete(entry.sessionId);
  }

  remove(sessionId: string): void {
    if (this.#latest.delete(sessionId)) this.#removed.add(sessionId);
    this.#dirty.delete(sessionId);
  }

  /** Something changed since the last batch. */
  get pending(): boolean {
    return this.#dirty.size > 0 || this.#removed.size > 0;
  }

  /** Everyone's current presence (for a client that just joined). */
  snapshot(): PresenceBatch {
    return { updates: [...this.#latest.values()], removed: [] };
  }

  /** What changed since the last call, or null when nothing did. */
  takeBatch(): PresenceBatch | null {
    if (this.#dirty.size === 0 && this.#removed.size === 0) return null;
    const batch: PresenceBatch = {
      updates: [...this.#dirty].map((sessionId) => this.#latest.get(sessionId)!),
      removed: [...this.#removed],
    };
    this.#dirty.clear();
    this.#removed.clear();
    return batch;
  }
}
