import Foundation

/// A message from the dojo room to this client (docs/protocol.md §7.2).
public enum ServerMessage: Equatable, Sendable {
    case welcome(Welcome)
    case state(RoomSnapshot)
    case presence(PresenceBatch)
    case chat(ChatMessage)
    case announce(Announcement)
    case error(DojoErrorMessage)
    /// Automerge sync message.
    case sync(Data)
    /// Other clients' changes (relay clients only).
    case changes([Data])
    /// The whole authoritative document (`Automerge.save()`).
    case reset(Data)
    /// A test run queued, started or finished (to everyone).
    case run(TestRun)
    /// The room's latest runs, oldest first (after `welcome`).
    case runs([TestRun])
    /// The voice roster, or this session's voice signalling.
    case voice(VoiceEvent)
    /// Someone asked to drive (§7.5).
    case driveRequested(DriveRequest)

    /// The message inside a `ROOM_DATA`/`ROOM_DATA_BYTES` frame; nil for frames that carry none.
    /// Throws for an unknown type or a payload that does not match its schema.
    public static func decode(_ frame: ColyseusFrame) throws -> ServerMessage? {
        switch frame {
        case let .roomData(type, payload):
            return try decode(type: type, payload: payload ?? .null)
        case let .roomDataBytes(type, bytes):
            switch type {
            case "sync": return .sync(bytes)
            case "reset": return .reset(bytes)
            case "changes": return .changes(try ChangesFraming.decode(bytes))
            default: throw WireError("unknown binary message \"\(type)\"")
            }
        default:
            return nil
        }
    }

    static func decode(type: String, payload: MessagePackValue) throws -> ServerMessage {
        switch type {
        case "welcome": return .welcome(try Welcome(payload))
        case "state": return .state(try RoomSnapshot(payload))
        case "presence": return .presence(try PresenceBatch(payload))
        case "chat": return .chat(try ChatMessage(payload))
        case "announce": return .announce(try Announcement(payload))
        case "error": return .error(try DojoErrorMessage(payload))
        case "run": return .run(try TestRun(payload))
        case "runs": return .runs(try payload.field("runs").asArray().map(TestRun.init))
        case "voice": return .voice(try VoiceEvent(payload))
        case "drive.requested": return .driveRequested(try DriveRequest(payload))
        // Binary types may also arrive as msgpack `bin` (the server accepts both ways; be as lenient).
        case "sync": return .sync(try payload.asBinary())
        case "reset": return .reset(try payload.asBinary())
        case "changes": return .changes(try ChangesFraming.decode(payload.asBinary()))
        default: throw WireError("unknown message \"\(type)\"")
        }
    }
}
