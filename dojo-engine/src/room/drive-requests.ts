import { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
import { type DriveRequested, Limits } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { Clock } from '../time/clock.ts';
import { CommandError } from './command-error.ts';
import { RateLimiter } from './rate-limiter.ts';

interface Asker {
  userId: string;
  name: string;
  role: string;
}

/**
 * "Request to drive": a navigator asks for the keyboard; the driver or a
 * facilitator hands it over. A request holds only while the driver it was
 * made to is still driving (any rotation answers it) and for
 * `Limits.driveRequestTtlMs`; asking is rate-limited per user.
 */
export class DriveRequests {
  readonly #clock: Clock;
  readonly #limiter: RateLimiter;
  /** userId → the request and the driver it was made to. */
  readonly #open = new Map<string, { request: DriveRequested; driverUserId: string }>();

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#limiter = new RateLimiter({
      burst: Limits.driveRequestBurst,
      windowMs: Limits.driveRequestWindowMs,
      clock,
    });
  }

  /** Records `asker`'s request to take over from `driverUserId`; throws when they may not ask now. */
  request(asker: Asker, driverUserId: string): DriveRequested {
    if (asker.role === 'facilitator') {
      throw new CommandError(DojoErrorCode.driveRequestInvalid, 'facilitators do not drive; use driver.set');
    }
    if (asker.userId === driverUserId) throw new CommandError(DojoErrorCode.driveRequestInvalid, 'you drive already');
    if (!this.#limiter.take(asker.userId)) {
      throw new CommandError(
        DojoErrorCode.rateLimited,
        `at most ${Limits.driveRequestBurst} request to drive per ${Limits.driveRequestWindowMs / 1000} s`,
      );
    }
    const at = this.#clock.now();
    const request: DriveRequested = {
      userId: asker.userId,
      name: asker.name,
      at,
      expiresAt: at + Limits.driveRequestTtlMs,
    };
    this.#open.set(asker.userId, { request, driverUserId });
    return request;
  }

  /**
   * Checks that `by` may hand the keyboard to `userId` now and consumes the
   * request; the caller then makes `userId` the driver.
   */
  accept(by: Asker, userId: string, driverUserId: string): void {
    if (by.role !== 'facilitator' && by.userId !== driverUserId) {
      throw new CommandError(DojoErrorCode.driveAcceptForbidden, 'only the driver or a facilitator can hand over');
    }
    const open = this.#open.get(userId);
    if (!open || open.driverUserId !== driverUserId || open.request.expiresAt < this.#clock.now()) {
      this.#open.delete(userId);
      throw new CommandError(DojoErrorCode.driveRequestInvalid, 'that person has no open request to drive');
    }
    this.#open.delete(userId);
  }

  /** Forgets a user who left the room. */
  forget(userId: string): void {
    this.#open.delete(userId);
    this.#limiter.forget(userId);
  }
}
