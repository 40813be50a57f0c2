import Foundation

/// Facilitation commands (facilitators only; others get `facilitator_only`).
public enum DojoCommand: Equatable, Sendable {
    case timerStart
    case timerPause
    case timerResume
    case timerEnd
    case rotate
    case setDriver(userId: String)
    case removeParticipant(userId: String)

    public var action: String {
        switch self {
        case .timerStart: return "timer.start"
        case .timerPause: return "timer.pause"
        case .timerResume: return "timer.resume"
        case .timerEnd: return "timer.end"
        case .rotate: return "rotate"
        case .setDriver: return "driver.set"
        case .removeParticipant: return "participant.remove"
        }
    }

    /// `{action}` or `{action, userId}`: the server refuses any other key.
    var messagePack: MessagePackValue {
        switch self {
        case let .setDriver(userId), let .removeParticipant(userId):
            return .object([("action", .string(action)), ("userId", .string(userId))])
        default:
            return .object([("action", .string(action))])
        }
    }

    init(_ value: MessagePackValue) throws {
        let action = try value.field("action").asString()
        switch action {
        case "timer.start": self = .timerStart
        case "timer.pause": self = .timerPause
        case "timer.resume": self = .timerResume
        case "timer.end": self = .timerEnd
        case "rotate": self = .rotate
        case "driver.set": self = .setDriver(userId: try value.field("userId").asString())
        case "participant.remove": self = .removeParticipant(userId: try value.field("userId").asString())
        default: throw WireError("unknown command \"\(action)\"")
        }
    }
}
