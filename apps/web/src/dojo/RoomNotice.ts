import { DojoErrorCode } from '@pocdojo/common/dojo-protocol/index';
import type { MessageKey, Words } from '../lib/words.ts';

/**
 * The last refusal or failure the room page shows, as data: the banner says it in the member's
 * language, so the engine's English `message` is only a fallback for a code this client does not know.
 */
export type RoomNotice =
  /** The room refused one of our messages (the protocol's `error`). */
  | { kind: 'refused'; code: string; message: string }
  /** An action while the connection is down. */
  | { kind: 'not_connected' }
  /** A facilitator removed us from the dojo. */
  | { kind: 'removed' }
  /** The transport failed (Colyseus `onError`), or joining again failed. */
  | { kind: 'failure'; message: string };

/** One message per engine error code (docs/protocol.md §Errors), in both catalogues. */
const errorKeys: Record<DojoErrorCode, MessageKey> = {
  ticket_missing: 'dojo.error.ticket_missing',
  ticket_invalid: 'dojo.error.ticket_invalid',
  ticket_expired: 'dojo.error.ticket_expired',
  tenant_mismatch: 'dojo.error.tenant_mismatch',
  participant_removed: 'dojo.error.participant_removed',
  participant_limit: 'dojo.error.participant_limit',
  protocol_unsupported: 'dojo.error.protocol_unsupported',
  malformed_message: 'dojo.error.malformed_message',
  message_too_large: 'dojo.error.message_too_large',
  unknown_message: 'dojo.error.unknown_message',
  edit_forbidden: 'dojo.error.edit_forbidden',
  invalid_change: 'dojo.error.invalid_change',
  missing_dependencies: 'dojo.error.missing_dependencies',
  document_too_large: 'dojo.error.document_too_large',
  facilitator_only: 'dojo.error.facilitator_only',
  rate_limited: 'dojo.error.rate_limited',
  invalid_timer_state: 'dojo.error.invalid_timer_state',
  participant_not_found: 'dojo.error.participant_not_found',
  run_forbidden: 'dojo.error.run_forbidden',
  runner_unavailable: 'dojo.error.runner_unavailable',
  nothing_to_restore: 'dojo.error.nothing_to_restore',
  drive_request_invalid: 'dojo.error.drive_request_invalid',
  drive_accept_forbidden: 'dojo.error.drive_accept_forbidden',
  voice_full: 'dojo.error.voice_full',
  not_in_voice: 'dojo.error.not_in_voice',
  voice_peer_unknown: 'dojo.error.voice_peer_unknown',
  internal: 'dojo.error.internal',
};

const knownCodes = new Set<string>(Object.values(DojoErrorCode));

/** The catalogue's words for an engine error code; null for a code this client does not know. */
export function dojoErrorText(code: string, { t }: Words): string | null {
  return knownCodes.has(code) ? t(errorKeys[code as DojoErrorCode]) : null;
}

/**
 * A refused join in words: matchmaking answers `"<code>: <message>"` (docs/protocol.md §Errors),
 * which the SDK throws as the error's message. Null when the error carries no engine code.
 */
export function joinErrorText(error: unknown, words: Words): string | null {
  const code = error instanceof Error ? /^([a-z_]+):/.exec(error.message)?.[1] : undefined;
  return code ? dojoErrorText(code, words) : null;
}

/** The notice in the member's language. */
export function noticeText(notice: RoomNotice, words: Words): string {
  switch (notice.kind) {
    case 'refused':
      return dojoErrorText(notice.code, words) ?? notice.message;
    case 'not_connected':
      return words.t('dojo.notice.not_connected');
    case 'removed':
      return words.t('dojo.notice.removed');
    case 'failure':
      return words.t('dojo.notice.failure', { detail: notice.message });
  }
}
