import * as A from '@automerge/automerge';
import { Client, type Room } from '@colyseus/sdk';
import type { DojoDoc } from '@pocdojo/common/dojo-protocol/document';

/** What a matchmaking call answers (Colyseus 0.18 seat reservation). */
export interface SeatReservation {
  name: string;
  sessionId: string;
  roomId: string;
  processId: string;
  publicAddress?: string;
}

/** Asks `engineUrl`'s matchmaker for a seat in the dojo of `ticket`. */
export async function matchmake(engineUrl: string, ticket: string): Promise<SeatReservation> {
  const response = await fetch(`${engineUrl}/matchmake/joinOrCreate/dojo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ ticket }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as SeatReservation & { error?: string; code?: number };
  if (!response.ok || body.error) throw new Error(`matchmaking failed (${response.status}): ${body.error ?? ''}`);
  return body;
}

/**
 * A client that speaks only the Automerge sync protocol and keeps its document
 * across rooms: when its room goes away it joins again (through whatever
 * engine URL it is given) and resyncs, so edits made meanwhile are not lost.
 */
export class RejoiningClient {
  doc = A.init<DojoDoc>();
  syncState = A.initSyncState();
  room: Room | undefined;
  reservation: SeatReservation | undefined;
  /** Set when the current room is gone, until the next welcome. */
  droppedAt: number | undefined;
  /** The close code of the last drop. */
  droppedCode: number | undefined;
  welcomedAt = 0;
  readonly ticket: () => Promise<string>;
  /** Every error message the rooms sent. */
  readonly errors: unknown[] = [];
  #closing = false;

  /** `ticket` signs a fresh ticket for every join, as the app asks platform-api for one. */
  constructor(ticket: () => Promise<string>) {
    this.ticket = ticket;
  }

  get connected(): boolean {
    return this.room !== undefined && this.droppedAt === undefined && this.welcomedAt > 0;
  }

  /** Joins through `engineUrl` and waits for the welcome. */
  async join(engineUrl: string): Promise<void> {
    this.reservation = await matchmake(engineUrl, await this.ticket());
    const room = await new Client(engineUrl).consumeSeatReservation(this.reservation);
    // We rejoin ourselves, through a live process, instead of retrying the dead one.
    room.reconnection.enabled = false;
    const welcomed = new Promise<void>((resolve) => {
      room.onMessage('welcome', () => {
        this.syncState = A.initSyncState();
        this.welcomedAt = Date.now();
        this.droppedAt = undefined;
        this.sendSync();
        resolve();
      });
    });
    room.onMessage('sync', (bytes: Uint8Array) => {
      [this.doc, this.syncState] = A.receiveSyncMessage(this.doc, this.syncState, bytes);
      this.sendSync();
    });
    room.onMessage('reset', (bytes: Uint8Array) => {
      this.doc = A.load<DojoDoc>(bytes);
      this.syncState = A.initSyncState();
      this.sendSync();
    });
    room.onMessage('error', (error: unknown) => this.errors.push(error));
    for (const ignored of ['presence', 'announce', 'chat', 'changes', 'state']) room.onMessage(ignored, () => {});
    room.onLeave((code: number) => {
      if (!this.#closing && this.room === room) {
        this.droppedAt = Date.now();
        this.droppedCode = code;
      }
    });
    this.room = room;
    await welcomed;
  }

  /** Joins again through `engineUrl` until it works (the matchmaker may still list the dead room for a moment). */
  async rejoin(engineUrl: string, deadline: number): Promise<void> {
    for (;;) {
      try {
        await this.join(engineUrl);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  sendSync(): void {
    if (!this.room || this.droppedAt !== undefined) return;
    const [state, message] = A.generateSyncMessage(this.doc, this.syncState);
    this.syncState = state;
    if (message) this.room.sendBytes('sync', message);
  }

  /** Inserts `text` into `path` at `index` (or the end) locally, and tells the room when connected. */
  insert(path: string, text: string, index?: number): void {
    this.doc = A.change(this.doc, (doc) => {
      A.splice(doc, ['files', path], index ?? doc.files[path]!.length, 0, text);
    });
    this.sendSync();
  }

  text(path: string): string | undefined {
    return this.doc.files?.[path];
  }

  async close(): Promise<void> {
    this.#closing = true;
    if (this.room && this.droppedAt === undefined) await this.room.leave(true).catch(() => {});
  }
}
