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
   * document; the driver will type about `keystrokes` keystrokes.
   */
  openRoom(
    index: number,
    clients: number,
    keystrokes: number,
    tracker: KeystrokeTracker,
    errors: LoadErrors,
  ): Promise<RoomLoad>;
}
