import { ServerError } from '@colyseus/core';
import { DojoErrorCode, MatchmakeStatus } from '@pocdojo/common/contracts/dojo-protocol/errors';
import { joinOptionsSchema, PROTOCOL_VERSION } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import {
  createTicketVerifier,
  type DojoTicketClaims,
  type KeySource,
  TokenError,
} from '@pocdojo/common/runtime/tokens';
import type { EngineMetrics } from '../metrics.ts';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { retryStore } from '../persistence/store-retry.ts';
import { type ParticipantSeats, seatOf } from './participant-seats.ts';

/** What admission adds to the join options once the ticket is verified (read by onCreate). */
export interface AdmittedOptions {
  dojoId: DojoId;
  relay: boolean;
  admitted: Pick<DojoTicketClaims, 'tid' | 'dojo'>;
}

/** A refused matchmaking call: HTTP status from MatchmakeStatus, message prefixed with the stable code. */
export function refusal(code: DojoErrorCode, message: string): ServerError {
  return new ServerError(MatchmakeStatus[code] ?? 400, `${code}: ${message}`);
}

/**
 * Ticket checks at matchmaking time (Colyseus static onAuth), before any seat
 * is reserved or room created: a forged, expired or malformed ticket, or one
 * for a dojo that belongs to another tenant, is refused with a stable code.
 *
 * On success the verified dojo id is written into the join options: the room
 * type filters on it, so every client of a dojo lands in the same room.
 */
export function createAdmission(deps: {
  keys: KeySource;
  store: DojoStore;
  metrics: EngineMetrics;
  logger: Logger;
  issuer?: string;
  /** Seats of the tenants' plans; tickets without `maxp` take none. */
  seats?: ParticipantSeats;
}) {
  const verify = createTicketVerifier(deps.keys, deps.issuer);
  return async function admit(
    headerToken: string | undefined,
    options: Record<string, unknown>,
  ): Promise<DojoTicketClaims> {
    try {
      const claims = await check(headerToken, options);
      deps.metrics.admissions.inc({ result: 'ok' });
      return claims;
    } catch (error) {
      const code = (error as ServerError).message?.split(':')[0] ?? 'error';
      deps.metrics.admissions.inc({ result: code });
      throw error;
    }
  };

  async function check(headerToken: string | undefined, options: Record<string, unknown>): Promise<DojoTicketClaims> {
    const candidate = typeof options?.ticket === 'string' ? options.ticket : headerToken;
    if (!candidate) throw refusal(DojoErrorCode.ticketMissing, 'join options must carry {ticket}');
    const parsed = joinOptionsSchema.safeParse({ ...options, ticket: candidate });
    if (!parsed.success) {
      throw refusal(DojoErrorCode.ticketInvalid, `invalid join options: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    const version = parsed.data.protocolVersion ?? PROTOCOL_VERSION;
    if (version !== PROTOCOL_VERSION) {
      throw refusal(
        DojoErrorCode.protocolUnsupported,
        `this server speaks protocol ${PROTOCOL_VERSION}, not ${version}`,
      );
    }
    let claims: DojoTicketClaims;
    try {
      claims = await verify(parsed.data.ticket);
    } catch (error) {
      if (error instanceof TokenError && error.code === 'token_expired') {
        throw refusal(DojoErrorCode.ticketExpired, 'the ticket has expired; ask platform-api for a new one');
      }
      throw refusal(DojoErrorCode.ticketInvalid, 'the ticket is not a valid dojo ticket');
    }
    // A database restart delays matchmaking (bounded) rather than failing it.
    const owner = await retryStore('dojoTenant', () => deps.store.dojoTenant(claims.did), deps.logger);
    if (owner !== null && owner !== claims.tid) {
      throw refusal(DojoErrorCode.tenantMismatch, 'this dojo belongs to another tenant');
    }
    if (owner !== null) {
      const removed = await retryStore(
        'removedParticipants',
        () => deps.store.removedParticipants(claims.tid, claims.did),
        deps.logger,
      );
      if (removed.includes(claims.sub)) {
        throw refusal(DojoErrorCode.participantRemoved, 'a facilitator removed you from this dojo');
      }
    }
    // Last, so a refused ticket never takes a seat; the room renews it while the person stays.
    if (claims.maxp !== undefined && deps.seats) {
      const seated = await deps.seats.acquire(claims.tid, seatOf(claims.did, claims.sub), claims.maxp);
      if (!seated) {
        throw refusal(
          DojoErrorCode.participantLimit,
          `the team's plan allows ${claims.maxp} people in its dojos at once; retry when someone leaves`,
        );
      }
    }
    const admitted: AdmittedOptions = {
      dojoId: claims.did,
      relay: parsed.data.relay ?? false,
      admitted: { tid: claims.tid, dojo: claims.dojo },
    };
    // Overwrites anything the client put under these keys: only verified values reach the room.
    Object.assign(options, admitted);
    return claims;
  }
}
