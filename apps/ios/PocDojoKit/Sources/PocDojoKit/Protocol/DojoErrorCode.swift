import Foundation

/// Codes of the `error` room message and of refused matchmaking calls (docs/protocol.md §11).
/// An open set: a code this build does not know still decodes, as itself.
public struct DojoErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let ticketMissing = Self(rawValue: "ticket_missing")
    public static let ticketInvalid = Self(rawValue: "ticket_invalid")
    public static let ticketExpired = Self(rawValue: "ticket_expired")
    public static let tenantMismatch = Self(rawValue: "tenant_mismatch")
    public static let participantRemoved = Self(rawValue: "participant_removed")
    public static let participantLimit = Self(rawValue: "participant_limit")
    public static let protocolUnsupported = Self(rawValue: "protocol_unsupported")
    public static let malformedMessage = Self(rawValue: "malformed_message")
    public static let messageTooLarge = Self(rawValue: "message_too_large")
    public static let unknownMessage = Self(rawValue: "unknown_message")
    /// A `reset` follows.
    public static let editForbidden = Self(rawValue: "edit_forbidden")
    /// A `reset` follows.
    public static let invalidChange = Self(rawValue: "invalid_change")
    /// A `reset` follows.
    public static let documentTooLarge = Self(rawValue: "document_too_large")
    public static let facilitatorOnly = Self(rawValue: "facilitator_only")
    public static let rateLimited = Self(rawValue: "rate_limited")
    public static let invalidTimerState = Self(rawValue: "invalid_timer_state")
    public static let participantNotFound = Self(rawValue: "participant_not_found")
    public static let `internal` = Self(rawValue: "internal")
}

/// The `error` message: `{code, message, ref?}`. Errors never close the socket.
public struct DojoErrorMessage: Equatable, Sendable {
    public var code: DojoErrorCode
    public var message: String
    /// The client message type that caused it, when there is one.
    public var ref: String?

    public init(code: DojoErrorCode, message: String, ref: String? = nil) {
        self.code = code
        self.message = message
        self.ref = ref
    }

    init(_ value: MessagePackValue) throws {
        code = DojoErrorCode(rawValue: try value.field("code").asString())
        message = try value.field("message").asString()
        ref = try value["ref"]?.optionalString()
    }

    var messagePack: MessagePackValue {
        var pairs: [(String, MessagePackValue)] = [("code", .string(code.rawValue)), ("message", .string(message))]
        if let ref { pairs.append(("ref", .string(ref))) }
        return .object(pairs)
    }
}
