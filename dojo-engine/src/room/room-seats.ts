import type { TenantId } from '@pocdojo/common/ids';
import type { Logger } from '@pocdojo/common/logger';
import { type ParticipantSeats, SEAT_LEASE_MS, seatOf } from './participant-seats.ts';

/**
 * One room's hold on its tenant's plan seats (see ParticipantSeats): renewed
 * every third of a lease for everyone still here (connected or within their
 * reconnection window), released when a person's last session leaves. Without
 * a seats port (no plan limit) it does nothing.
 */
export class RoomSeats {
  readonly #seats: ParticipantSeats | undefined;
  readonly #tenantId: TenantId;
  readonly #dojoId: string;
  readonly #log: Logger;
  readonly #present: () => Iterable<string>;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: {
    seats: ParticipantSeats | undefined;
    tenantId: TenantId;
    dojoId: string;
    logger: Logger;
    /** The users with a session in the room now. */
    present: () => Iterable<string>;
  }) {
    this.#seats = options.seats;
    this.#tenantId = options.tenantId;
    this.#dojoId = options.dojoId;
    this.#log = options.logger;
    this.#present = options.present;
  }

  /** Starts renewing. */
  start(): void {
    this.#timer = setInterval(() => this.#renew(), SEAT_LEASE_MS / 3);
  }

  /** Frees `userId`'s seat (their last session left). */
  release(userId: string): void {
    this.#seats
      ?.release(this.#tenantId, seatOf(this.#dojoId, userId))
      .catch((error) => this.#log.warn({ err: error }, 'seat release failed'));
  }

  /** Stops renewing (the room is disposing; unreleased seats lapse within a lease). */
  stop(): void {
    clearInterval(this.#timer);
  }

  #renew(): void {
    const users = new Set(this.#present());
    if (!users.size || !this.#seats) return;
    const seats = [...users].map((userId) => seatOf(this.#dojoId, userId));
    this.#seats.renew(this.#tenantId, seats).catch((error) => this.#log.warn({ err: error }, 'seat renewal failed'));
  }
}
