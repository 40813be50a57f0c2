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
    /// Brings back a deleted file; `nothing_to_restore` when there is nothing to bring back.
    case restoreFile(path: String)

    public var action: String {
        switch self {
        case .timerStart: return "timer.start"
        case .timerPause: return "timer.pause"
        case .timerResume: return "timer.resume"
        case .timerEnd: return "timer.end"
        case .rotate: return "rotate"
        case .setDriver: return "driver.set"
        case .removeParticipant: return "participant.remove"
        case .restoreFile: return "file.restore"
        }
    }

    /// `{action}`, `{action, userId}` or `{action, path}`: the server refuses any other key.
    var messagePack: MessagePackValue {
        switch self {
        case let .setDriver(userId), let .removeParticipant(userId):
            return .object([("action", .string(action)), ("userId", .string(userId))])
        case let .restoreFile(path):
            return .object([("action", .string(action)), ("path", .string(path))])
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
        case "file.restore": self = .restoreFile(path: try value.field("path").asString())
        default: throw WireError("unknown command \"\(action)\"")
        }
    }
}
