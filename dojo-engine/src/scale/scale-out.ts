import type { MatchMakerDriver, Presence } from '@colyseus/core';
import type { ParticipantSeats } from '../room/participant-seats.ts';

/**
 * What the engine runs on when it shares rooms with other processes
 * (createRedisScaleOut, given REDIS_URL): the Colyseus presence and
 * matchmaker driver that let several engine processes share rooms.
 */
export interface ScaleOut {
  presence: Presence;
  driver: MatchMakerDriver;
  /** The tenants' dojo seats shared by every process (plan limit `maxp`). */
  participantSeats?: ParticipantSeats;
  /** Stops whatever the module started beside presence and driver (e.g. a sweeper). */
  close?(): Promise<void>;
}
