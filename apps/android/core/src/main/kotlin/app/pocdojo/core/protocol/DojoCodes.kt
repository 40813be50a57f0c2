package app.pocdojo.core.protocol

/** Error codes of the `error` message and refused matchmaking (docs/protocol.md §11, common/src/dojo-protocol/errors.ts). */
object DojoErrorCode {
    const val TICKET_MISSING = "ticket_missing"
    const val TICKET_INVALID = "ticket_invalid"
    const val TICKET_EXPIRED = "ticket_expired"
    const val TENANT_MISMATCH = "tenant_mismatch"
    const val PARTICIPANT_REMOVED = "participant_removed"
    const val PARTICIPANT_LIMIT = "participant_limit"
    const val PROTOCOL_UNSUPPORTED = "protocol_unsupported"
    const val MALFORMED_MESSAGE = "malformed_message"
    const val MESSAGE_TOO_LARGE = "message_too_large"
    const val UNKNOWN_MESSAGE = "unknown_message"
    const val EDIT_FORBIDDEN = "edit_forbidden"
    const val INVALID_CHANGE = "invalid_change"
    const val DOCUMENT_TOO_LARGE = "document_too_large"
    const val FACILITATOR_ONLY = "facilitator_only"
    const val RATE_LIMITED = "rate_limited"
    const val INVALID_TIMER_STATE = "invalid_timer_state"
    const val PARTICIPANT_NOT_FOUND = "participant_not_found"
    const val INTERNAL = "internal"

    val all = listOf(
        TICKET_MISSING, TICKET_INVALID, TICKET_EXPIRED, TENANT_MISMATCH, PARTICIPANT_REMOVED, PARTICIPANT_LIMIT,
        PROTOCOL_UNSUPPORTED,
        MALFORMED_MESSAGE, MESSAGE_TOO_LARGE, UNKNOWN_MESSAGE, EDIT_FORBIDDEN, INVALID_CHANGE, DOCUMENT_TOO_LARGE,
        FACILITATOR_ONLY, RATE_LIMITED, INVALID_TIMER_STATE, PARTICIPANT_NOT_FOUND, INTERNAL,
    )
}

/** What the client does after the socket closed with a code (docs/protocol.md §9). */
enum class CloseAction { NONE, RECONNECT, MATCHMAKE_AGAIN, STOP }

/** WebSocket close codes (common/src/dojo-protocol/errors.ts `DojoCloseCode`). */
enum class DojoCloseCode(val code: Int, val action: CloseAction) {
    NORMAL(1000, CloseAction.NONE),
    ABNORMAL(1006, CloseAction.RECONNECT),
    CONSENTED(4000, CloseAction.NONE),
    SERVER_SHUTDOWN(4001, CloseAction.MATCHMAKE_AGAIN),
    WITH_ERROR(4002, CloseAction.STOP),
    FAILED_TO_RECONNECT(4003, CloseAction.MATCHMAKE_AGAIN),
    MAY_TRY_RECONNECT(4010, CloseAction.RECONNECT),
    REMOVED(4100, CloseAction.STOP),
    PROTOCOL_VIOLATION(4101, CloseAction.STOP),
    ;

    companion object {
        fun of(code: Int): DojoCloseCode? = entries.firstOrNull { it.code == code }

        /** 1001 and 1005 are lost connections too; unknown codes are treated as lost connections. */
        fun actionFor(code: Int): CloseAction = of(code)?.action ?: CloseAction.RECONNECT
    }
}
