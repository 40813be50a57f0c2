import Foundation

/// A message from this client to the dojo room (docs/protocol.md §7.1).
public enum ClientMessage: Equatable, Sendable {
    case sync(Data)
    case changes([Data])
    case presence(PresenceUpdate)
    /// Already trimmed (see ``ChatMessage/validText(_:)``).
    case chat(String)
    case command(DojoCommand)
    /// Run the kata's tests on the document as the server has it now.
    case run
    /// Voice join, mute or leave (`muted` with join and mute).
    case voice(action: String, muted: Bool?)
    /// Ask for the keyboard (§7.5).
    case driveRequest
    /// Hand the keyboard to someone who asked (the driver or a facilitator).
    case driveAccept(userId: String)

    public var type: String {
        switch self {
        case .sync: return "sync"
        case .changes: return "changes"
        case .presence: return "presence"
        case .chat: return "chat"
        case .command: return "command"
        case .run: return "run"
        case .voice: return "voice"
        case .driveRequest: return "drive.request"
        case .driveAccept: return "drive.accept"
        }
    }

    /// Binary messages go as `ROOM_DATA_BYTES`, the others as `ROOM_DATA` with a MessagePack map.
    public var frame: ColyseusFrame {
        switch self {
        case let .sync(bytes): return .roomDataBytes(type: type, bytes: bytes)
        case let .changes(changes): return .roomDataBytes(type: type, bytes: ChangesFraming.encode(changes))
        case let .presence(update): return .roomData(type: type, payload: update.messagePack)
        case let .chat(text): return .roomData(type: type, payload: .object([("text", .string(text))]))
        case let .command(command): return .roomData(type: type, payload: command.messagePack)
        case .run: return .roomData(type: type, payload: .object([]))
        case let .voice(action, muted):
            var pairs: [(String, MessagePackValue)] = [("action", .string(action))]
            if let muted { pairs.append(("muted", .bool(muted))) }
            return .roomData(type: type, payload: .object(pairs))
        case .driveRequest: return .roomData(type: type, payload: .object([]))
        case let .driveAccept(userId): return .roomData(type: type, payload: .object([("userId", .string(userId))]))
        }
    }

    /// Reads a client message back (used by tests and the vectors).
    public static func decode(_ frame: ColyseusFrame) throws -> ClientMessage {
        switch frame {
        case let .roomDataBytes("sync", bytes): return .sync(bytes)
        case let .roomDataBytes("changes", bytes): return .changes(try ChangesFraming.decode(bytes))
        case let .roomData("presence", payload?): return .presence(try PresenceUpdate(payload))
        case let .roomData("chat", payload?): return .chat(try payload.field("text").asString())
        case let .roomData("command", payload?): return .command(try DojoCommand(payload))
        case .roomData("run", _): return .run
        case let .roomData("voice", payload?):
            let muted = payload["muted"].map { try? $0.asBool() } ?? nil
            return .voice(action: try payload.field("action").asString(), muted: muted)
        case .roomData("drive.request", _): return .driveRequest
        case let .roomData("drive.accept", payload?): return .driveAccept(userId: try payload.field("userId").asString())
        default: throw WireError("not a client message: \(frame.code)")
        }
    }
}
