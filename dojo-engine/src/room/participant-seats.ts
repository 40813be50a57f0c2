import type { TenantId } from '@pocdojo/common/contracts/ids';

/**
 * The seats a tenant's plan allows in its dojos at once (the ticket's `maxp`),
 * counted over all its dojos and every engine process. A seat is one person in
 * one dojo (`dojoId:userId`): a second tab of the same person takes no second
 * seat. Seats are leases: a room renews those of its people while they stay and
 * releases them when they go, so a process that dies frees its seats within one
 * lease, and a client that matchmakes but never connects costs a seat no longer.
 */
export interface ParticipantSeats {
  /** Takes (or renews) `seat` for `tenantId`; false when the tenant already holds `limit` other seats. */
  acquire(tenantId: TenantId, seat: string, limit: number): Promise<boolean>;
  /** Extends the leases of seats still in use. */
  renew(tenantId: TenantId, seats: readonly string[]): Promise<void>;
  release(tenantId: TenantId, seat: string): Promise<void>;
  /** Drops every seat of the tenant (its team was erased). */
  forgetTenant(tenantId: TenantId): Promise<void>;
}

/** How long a seat lasts without renewal; rooms renew every third of it. */
export const SEAT_LEASE_MS = 60_000;

export const seatOf = (dojoId: string, userId: string) => `${dojoId}:${userId}`;

/** One process's seats (no REDIS_URL): the same rules, in memory. */
export class MemoryParticipantSeats implements ParticipantSeats {
  readonly #tenants = new Map<string, Map<string, number>>();
  readonly #now: () => number;
  readonly #leaseMs: number;
  constructor(options: { now?: () => number; leaseMs?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#leaseMs = options.leaseMs ?? SEAT_LEASE_MS;
  }

  async acquire(tenantId: TenantId, seat: string, limit: number): Promise<boolean> {
    const seats = this.#live(tenantId);
    if (!seats.has(seat) && seats.size >= limit) return false;
    seats.set(seat, this.#now() + this.#leaseMs);
    return true;
  }

  async renew(tenantId: TenantId, renewed: readonly string[]): Promise<void> {
    const seats = this.#live(tenantId);
    for (const seat of renewed) seats.set(seat, this.#now() + this.#leaseMs);
  }

  async forgetTenant(tenantId: TenantId): Promise<void> {
    this.#tenants.delete(tenantId);
  }

  async release(tenantId: TenantId, seat: string): Promise<void> {
    this.#tenants.get(tenantId)?.delete(seat);
  }

  #live(tenantId: string): Map<string, number> {
    const seats = this.#tenants.get(tenantId) ?? new Map<string, number>();
    this.#tenants.set(tenantId, seats);
    const now = this.#now();
    for (const [seat, expires] of seats) if (expires <= now) seats.delete(seat);
    return seats;
  }
}
