import type { Logger } from '@pocdojo/common/runtime/logger';
import type { DojoTicketClaims } from '@pocdojo/common/runtime/tokens';
import type { EngineMetrics } from '../metrics.ts';
import type { ChangeBatcher } from '../persistence/change-batcher.ts';
import type { DojoStore } from '../persistence/dojo-store.ts';
import type { RunDispatcher } from '../runs/run-dispatcher.ts';
import type { Clock } from '../time/clock.ts';
import type { IceServerIssuer } from '../voice/ice-servers.ts';
import type { ParticipantSeats } from './participant-seats.ts';
import type { RoomLeases } from './room-leases.ts';

/** Tunables of every room; defaults in defaultRoomOptions. */
export interface RoomOptions {
  /** How long an empty room waits for someone to come back before its final save and disposal (ms). */
  emptyGraceMs: number;
  /** How long a dropped client may reconnect into its seat (s). */
  reconnectSeconds: number;
  /** Compact a dojo's stored changes into one snapshot after this many (bounds load time on join). */
  compactEvery: number;
  /** Sustained messages per second one client may send (with 10 s of it as burst) before the room closes it with 4101. */
  maxMessagesPerSecond: number;
  /**
   * While changes flow, how many ticks (of Limits.presenceIntervalMs) pending presence may wait for a
   * `changes` fan-out to carry it instead of a write of its own (PresencePacing); 0: every tick.
   * 2 by default: at 300 rooms × 6 clients it halves the engine's socket writes per keystroke (12.2 →
   * 6.4) for about a tenth of its CPU (dojo-engine/bench/README.md), and remote cursors then move at
   * least every 300 ms while someone types (every 100 ms otherwise).
   */
  presenceHoldTicks: number;
}

export const defaultRoomOptions: RoomOptions = {
  emptyGraceMs: 30_000,
  reconnectSeconds: 20,
  compactEvery: 500,
  // Typing, presence and sync replies stay far below this; a paste is one change.
  maxMessagesPerSecond: 500,
  presenceHoldTicks: 2,
};

/** Everything a room needs from the process; bound into the room class by createDojoRoomClass. */
export interface RoomDeps {
  store: DojoStore;
  batcher: ChangeBatcher;
  admit: (token: string | undefined, options: Record<string, unknown>) => Promise<DojoTicketClaims>;
  clock: Clock;
  logger: Logger;
  metrics: EngineMetrics;
  options: RoomOptions;
  /** Where test runs go (kata-runner's queue); without it a Run is refused with runner_unavailable. */
  runs?: RunDispatcher;
  /** This process's dojo leases: a room is created only by the process holding its dojo's lease. */
  leases: RoomLeases;
  /** The tenants' dojo seats (plan limit): taken at admission, renewed while people stay, released when they go. */
  seats?: ParticipantSeats;
  /** STUN/TURN servers handed to voice members; without it, none (peers on one network still connect). */
  iceServers?: IceServerIssuer;
}
