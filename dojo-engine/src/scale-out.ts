import type { MatchMakerDriver, Presence } from '@colyseus/core';
import type { ParticipantSeats } from './room/participant-seats.ts';

/**
 * The contract between main.ts and the scale-out module (`src/scale/redis.ts`,
 * owned by the scale-out work): given REDIS_URL, it returns the Colyseus
 * presence and matchmaker driver that let several engine processes share rooms.
 */
export interface ScaleOut {
  presence: Presence;
  driver: MatchMakerDriver;
  /** The tenants' dojo seats shared by every process (plan limit `maxp`). */
  participantSeats?: ParticipantSeats;
  /** Stops whatever the module started beside presence and driver (e.g. a sweeper). */
  close?(): Promise<void>;
}

export type ScaleOutFactory = (options: { redisUrl: string; publicAddress?: string }) => Promise<ScaleOut>;
