/**
 * Closed catalogues of the dojo protocol's error and close codes (docs/protocol.md §Errors).
 * Codes are stable strings/numbers clients switch on; messages are for humans.
 */

/** Codes carried by the `error` room message and by refused matchmaking calls. */
export const DojoErrorCode = {
  /** Matchmaking: no ticket in the join options. */
  ticketMissing: 'ticket_missing',
  /** Matchmaking: forged, malformed or wrongly addressed ticket. */
  ticketInvalid: 'ticket_invalid',
  /** Matchmaking: the ticket's `exp` has passed; ask platform-api for a new one. */
  ticketExpired: 'ticket_expired',
  /** Matchmaking: the dojo belongs to another tenant than the ticket's. */
  tenantMismatch: 'tenant_mismatch',
  /** Joining: a facilitator removed this user from the dojo; the room refuses them for its lifetime. */
  participantRemoved: 'participant_removed',
  /** Matchmaking: the team has its plan's most participants connected to its dojos; retry when someone leaves. */
  participantLimit: 'participant_limit',
  /** Matchmaking: the client asked for a protocol version this server does not speak. */
  protocolUnsupported: 'protocol_unsupported',
  /** A payload failed validation (type or shape); nothing was applied. */
  malformedMessage: 'malformed_message',
  /** A payload exceeded its size limit; nothing was applied. */
  messageTooLarge: 'message_too_large',
  /** The message type is not part of the protocol. */
  unknownMessage: 'unknown_message',
  /** A document change came from someone who may not edit now (edit policy "driver"); a `reset` follows. */
  editForbidden: 'edit_forbidden',
  /** A change would break the document's shape (`{files: {path: text}}`); nothing was applied; a `reset` follows. */
  invalidChange: 'invalid_change',
  /** A change's dependencies never reached the server within the wait (§6.3); nothing was applied; a `reset` follows. */
  missingDependencies: 'missing_dependencies',
  /** A change would grow the document past its size limit; a `reset` follows. */
  documentTooLarge: 'document_too_large',
  /** A facilitation command from a participant who is not a facilitator. */
  facilitatorOnly: 'facilitator_only',
  /** Too many messages of this kind (chat) in the window; retry later. */
  rateLimited: 'rate_limited',
  /** The command is not valid in the timer's current state (e.g. pause while idle). */
  invalidTimerState: 'invalid_timer_state',
  /** The command names a user who is not in the room. */
  participantNotFound: 'participant_not_found',
  /** A test run from someone who may not edit now (edit policy "driver": the driver and facilitators only). */
  runForbidden: 'run_forbidden',
  /** Tests cannot run in this dojo: no kata runner is configured, or none for the dojo's language. */
  runnerUnavailable: 'runner_unavailable',
  /** `file.restore`: the file exists, or the dojo's history has no deleted file at that path. */
  nothingToRestore: 'nothing_to_restore',
  /** `drive.request` from the driver or a facilitator, or `drive.accept` of someone with no open request. */
  driveRequestInvalid: 'drive_request_invalid',
  /** `drive.accept` from someone who is neither the driver nor a facilitator. */
  driveAcceptForbidden: 'drive_accept_forbidden',
  /** `voice`: the voice channel already has its maximum of members (VoiceLimits.members). */
  voiceFull: 'voice_full',
  /** `voice`: mute, speaking or signal from a session that has not joined the voice channel. */
  notInVoice: 'not_in_voice',
  /** `voice` signal: the addressed session is not in this room's voice channel. */
  voicePeerUnknown: 'voice_peer_unknown',
  /** The server failed; the message may not have been applied. */
  internal: 'internal',
} as const;
export type DojoErrorCode = (typeof DojoErrorCode)[keyof typeof DojoErrorCode];

/**
 * Numeric status of a refused join per error code: the HTTP status of a refused
 * matchmaking call (body `{code: <status>, error: "<dojo error code>: <message>"}`),
 * or the code of the ERROR frame when the room itself refuses the WebSocket join.
 */
export const MatchmakeStatus: Partial<Record<DojoErrorCode, number>> = {
  ticket_missing: 401,
  ticket_invalid: 401,
  ticket_expired: 401,
  tenant_mismatch: 403,
  participant_removed: 403,
  participant_limit: 429,
  protocol_unsupported: 400,
};

/**
 * WebSocket close codes. 4000–4010 are Colyseus's own; 4100+ are ours.
 * A client reconnects (with its reconnection token) only after
 * `abnormal`/`mayTryReconnect`/`serverShutdown`.
 */
export const DojoCloseCode = {
  normal: 1000,
  abnormal: 1006,
  /** The client left on purpose (Colyseus CONSENTED). */
  consented: 4000,
  /** The process is shutting down; reconnect to land on another process. */
  serverShutdown: 4001,
  /** Colyseus closed the socket after an undecodable frame. */
  withError: 4002,
  /** Reconnection token expired or room gone (Colyseus FAILED_TO_RECONNECT). */
  failedToReconnect: 4003,
  /** Colyseus MAY_TRY_RECONNECT. */
  mayTryReconnect: 4010,
  /** A facilitator removed this participant; do not reconnect with the same ticket. */
  removed: 4100,
  /** The client broke the protocol repeatedly (e.g. a flood of malformed messages). */
  protocolViolation: 4101,
} as const;
export type DojoCloseCode = (typeof DojoCloseCode)[keyof typeof DojoCloseCode];
