import type { KeystrokeTracker } from './keystroke-tracker.ts';

/** Counters a target bumps while it runs; all should stay 0 in a healthy run. */
export interface LoadErrors {
  /** Joins that failed. */
  joins: number;
  /** Sockets that closed while the run was on. */
  drops: number;
  /** Error messages the server sent. */
  server: number;
}

/** The clients of one room: client 0 drives, the others are peers 0..M-2 that move cursors. */
export interface RoomLoad {
  keystroke(): void;
  moveCursor(peer: number): void;
  close(): Promise<void>;
}

/** A system under load (the dojo engine, or the Hocuspocus peer) as the workload drives it. */
export interface LoadTarget {
  readonly name: string;
  /**
   * Joins `clients` clients to room `index`, resolved once each has the
   * document. Every client is a full client: the driver makes each keystroke
   * as a change of its own document when it types it, and peers apply every
   * change they receive, as an app would.
   */
  openRoom(index: number, clients: number, tracker: KeystrokeTracker, errors: LoadErrors): Promise<RoomLoad>;
}
