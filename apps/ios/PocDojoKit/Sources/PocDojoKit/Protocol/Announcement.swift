import Foundation

/// `announce`: something happened in the room that everyone is told about.
public enum Announcement: Equatable, Sendable {
    public enum RotationReason: String, WireEnum {
        case auto
        case manual
        case driverLeft = "driver_left"
    }

    public enum MembershipKind: String, WireEnum {
        case joined
        case left
        case removed
    }

    case rotation(reason: RotationReason, driverUserId: String, driverName: String, at: Double)
    /// `byUserId == nil`: the timer ran out by itself.
    case timer(status: TimerStatus, remainingMs: Double, at: Double, byUserId: String?)
    case membership(kind: MembershipKind, userId: String, name: String, at: Double)

    public var at: Double {
        switch self {
        case let .rotation(_, _, _, at), let .timer(_, _, at, _), let .membership(_, _, _, at): return at
        }
    }

    init(_ value: MessagePackValue) throws {
        let kind = try value.field("kind").asString()
        let at = try value.field("at").asDouble()
        switch kind {
        case "rotation":
            self = .rotation(
                reason: try RotationReason(wire: value.field("reason"), field: "reason"),
                driverUserId: try value.field("driverUserId").asString(),
                driverName: try value.field("driverName").asString(),
                at: at
            )
        case "timer":
            self = .timer(
                status: try TimerStatus(wire: value.field("status"), field: "timer status"),
                remainingMs: try value.field("remainingMs").asDouble(),
                at: at,
                byUserId: try value.field("byUserId").optionalString()
            )
        default:
            guard let membership = MembershipKind(rawValue: kind) else { throw WireError("unknown announcement \"\(kind)\"") }
            self = .membership(
                kind: membership,
                userId: try value.field("userId").asString(),
                name: try value.field("name").asString(),
                at: at
            )
        }
    }
}
