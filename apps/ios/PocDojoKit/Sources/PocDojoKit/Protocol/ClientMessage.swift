import Foundation

/// A message from this client to the dojo room (docs/protocol.md §7.1).
public enum ClientMessage: Equatable, Sendable {
    case sync(Data)
    case changes([Data])
    case presence(PresenceUpdate)
    /// Already trimmed (see ``ChatMessage/validText(_:)``).
    case chat(String)
    case command(DojoCommand)

    public var type: String {
        switch self {
        case .sync: return "sync"
        case .changes: return "changes"
        case .presence: return "presence"
        case .chat: return "chat"
        case .command: return "command"
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
        default: throw WireError("not a client message: \(frame.code)")
        }
    }
}
