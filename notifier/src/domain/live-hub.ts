import type { Logger } from '@pocdojo/common/runtime/logger';
import pg from 'pg';
import { LiveChannels } from './live-channels.ts';

type Listener = () => void;

/**
 * One LISTEN connection per replica, fanning Postgres notifications out to the
 * SSE streams open on this replica (by `tenantId:userId`) and waking the
 * dispatcher when deliveries are written. Reconnects after a lost connection.
 */
export class LiveHub {
  readonly #url: string;
  readonly #logger: Logger;
  readonly #streams = new Map<string, Set<Listener>>();
  readonly #onDeliveries: () => void;
  #client: pg.Client | undefined;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(options: { url: string; logger: Logger; onDeliveries: () => void }) {
    this.#url = options.url;
    this.#logger = options.logger;
    this.#onDeliveries = options.onDeliveries;
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (message) => {
      if (message.channel === LiveChannels.deliveries) return this.#onDeliveries();
      for (const listener of this.#streams.get(message.payload ?? '') ?? []) listener();
    });
    client.on('error', (error) => {
      this.#logger.warn({ err: error }, 'live notifications connection lost; reconnecting');
      this.#reconnect();
    });
    await client.connect();
    await client.query(`listen ${LiveChannels.inbox}`);
    await client.query(`listen ${LiveChannels.deliveries}`);
    this.#client = client;
  }

  /** Calls `listener` whenever the user's notifications change; returns the unsubscribe. */
  subscribe(tenantId: string, userId: string, listener: Listener): () => void {
    const key = `${tenantId}:${userId}`;
    const set = this.#streams.get(key) ?? new Set<Listener>();
    this.#streams.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#streams.delete(key);
    };
  }

  get openStreams(): number {
    let n = 0;
    for (const set of this.#streams.values()) n += set.size;
    return n;
  }

  async ping(): Promise<void> {
    if (!this.#client) throw new Error('not listening');
    await this.#client.query('select 1');
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => {});
  }

  #reconnect(): void {
    const old = this.#client;
    this.#client = undefined;
    old?.end().catch(() => {});
    if (this.#stopped) return;
    this.#retry = setTimeout(() => {
      this.start().catch((error) => {
        this.#logger.warn({ err: error }, 'reconnecting live notifications failed; trying again');
        this.#reconnect();
      });
    }, 1000);
    this.#retry.unref();
  }
}
