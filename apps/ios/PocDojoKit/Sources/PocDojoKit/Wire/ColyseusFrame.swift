import Foundation

/// Frame codes of Colyseus **0.18** (`@colyseus/shared-types` Protocol.ts); they changed
/// between 0.16 and 0.18, so nothing here applies to other versions.
public enum ColyseusFrameCode: UInt8, Sendable, CaseIterable {
    case joinRoom = 10
    case error = 11
    case leaveRoom = 12
    case roomData = 13
    case roomState = 14
    case roomStatePatch = 15
    case roomDataBytes = 17
    case ping = 18
}

/// The server's first frame: what to keep for a reconnection, and the (skipped) schema handshake.
public struct JoinRoom: Equatable, Sendable {
    /// Needed to reconnect within the window (docs/protocol.md §9).
    public var reconnectionToken: String
    /// `"schema"` for this room.
    public var serializerId: String
    /// Colyseus schema reflection; empty on a reconnection. Native clients skip it.
    public var handshake: Data
    /// Tagged sections after the handshake, kept as bytes so a frame re-encodes exactly.
    public var sections: Data

    public init(reconnectionToken: String, serializerId: String, handshake: Data = Data(), sections: Data = Data()) {
        self.reconnectionToken = reconnectionToken
        self.serializerId = serializerId
        self.handshake = handshake
        self.sections = sections
    }
}

/// One WebSocket message of the dojo room (docs/protocol.md §5).
public enum ColyseusFrame: Equatable, Sendable {
    /// S→C: the join handshake.
    case joinRoom(JoinRoom)
    /// C→S: the one-byte acknowledgement of `joinRoom`; the server buffers until it arrives.
    case joinAck
    /// S→C: the room refused the join (`number(code)`, `string("<code>: <message>")`); a 4002 close follows.
    case error(code: Int, message: String)
    /// C→S: leave on purpose (the server closes with 4000).
    case leaveRoom
    /// Both ways: a typed message with a MessagePack payload (nil = no payload).
    case roomData(type: String, payload: MessagePackValue?)
    /// S→C: Colyseus schema state and patches; native clients use the `state` message instead.
    case roomState(Data)
    case roomStatePatch(Data)
    /// Both ways: a typed message with raw bytes (Automerge sync, changes, reset).
    case roomDataBytes(type: String, bytes: Data)
    /// Both ways: keep-alive; the server answers a client's.
    case ping

    public var code: ColyseusFrameCode {
        switch self {
        case .joinRoom, .joinAck: return .joinRoom
        case .error: return .error
        case .leaveRoom: return .leaveRoom
        case .roomData: return .roomData
        case .roomState: return .roomState
        case .roomStatePatch: return .roomStatePatch
        case .roomDataBytes: return .roomDataBytes
        case .ping: return .ping
        }
    }

    // MARK: Encoding

    /// The frame's bytes. `maps` chooses MessagePack map headers: `.compact` is what this
    /// client sends; `.msgpackr` reproduces the engine's own frames byte for byte.
    public func encoded(maps: MessagePackWriter.MapStyle = .compact) -> Data {
        var writer = ByteWriter()
        writer.byte(code.rawValue)
        switch self {
        case let .joinRoom(join):
            let token = Array(join.reconnectionToken.utf8)
            let serializer = Array(join.serializerId.utf8)
            writer.byte(UInt8(truncatingIfNeeded: token.count))
            writer.append(token)
            writer.byte(UInt8(truncatingIfNeeded: serializer.count))
            writer.append(serializer)
            ColyseusHeader.writeNumber(join.handshake.count, to: &writer)
            writer.append(join.handshake)
            writer.append(join.sections)
        case .joinAck, .leaveRoom, .ping:
            break
        case let .error(code, message):
            ColyseusHeader.writeNumber(code, to: &writer)
            ColyseusHeader.writeString(message, to: &writer)
        case let .roomData(type, payload):
            ColyseusHeader.writeString(type, to: &writer)
            if let payload { MessagePackWriter.write(payload, to: &writer, maps: maps) }
        case let .roomState(bytes), let .roomStatePatch(bytes):
            writer.append(bytes)
        case let .roomDataBytes(type, bytes):
            ColyseusHeader.writeString(type, to: &writer)
            writer.append(bytes)
        }
        return writer.data
    }

    // MARK: Decoding

    /// Decodes one frame. A one-byte `0a` is the client's acknowledgement; a longer one the server's handshake.
    public static func decode(_ data: Data) throws -> ColyseusFrame {
        var reader = ByteReader(data)
        let first = try reader.byte()
        guard first & 0xe0 == 0 else { throw WireError(String(format: "frame modifiers 0x%02x are not used by the dojo room", first & 0xe0)) }
        guard let code = ColyseusFrameCode(rawValue: first) else { throw WireError("unknown frame code \(first)") }
        let frame: ColyseusFrame
        switch code {
        case .joinRoom:
            if reader.isAtEnd { return .joinAck }
            let token = try reader.utf8(Int(try reader.byte()))
            let serializer = try reader.utf8(Int(try reader.byte()))
            let length = try ColyseusHeader.readInteger(&reader)
            guard length >= 0, length <= reader.remaining else {
                throw WireError("handshake of \(length) bytes in \(reader.remaining)")
            }
            let handshake = Data(try reader.take(length))
            let join = JoinRoom(reconnectionToken: token, serializerId: serializer, handshake: handshake, sections: Data(reader.rest()))
            return .joinRoom(join)
        case .error:
            let status = try ColyseusHeader.readInteger(&reader)
            let message = try reader.isAtEnd ? "" : ColyseusHeader.readString(&reader)
            frame = .error(code: status, message: message)
        case .leaveRoom:
            frame = .leaveRoom
        case .ping:
            frame = .ping
        case .roomState:
            return .roomState(Data(reader.rest()))
        case .roomStatePatch:
            return .roomStatePatch(Data(reader.rest()))
        case .roomData:
            let type = try messageType(&reader)
            if reader.isAtEnd { return .roomData(type: type, payload: nil) }
            let payload = try MessagePackReader.read(&reader, depth: 0)
            frame = .roomData(type: type, payload: payload)
        case .roomDataBytes:
            let type = try messageType(&reader)
            return .roomDataBytes(type: type, bytes: Data(reader.rest()))
        }
        guard reader.isAtEnd else { throw WireError("\(reader.remaining) unexpected bytes after a \(code) frame") }
        return frame
    }

    private static func messageType(_ reader: inout ByteReader) throws -> String {
        guard try ColyseusHeader.nextIsString(reader) else {
            throw WireError("numeric message types are not part of the dojo protocol")
        }
        return try ColyseusHeader.readString(&reader)
    }
}
