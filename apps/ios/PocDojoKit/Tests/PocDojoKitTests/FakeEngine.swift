import Automerge
import Foundation
@testable import PocDojoKit

/// A scripted socket: the test puts server frames (or a close) in, and reads what the client sent.
final class FakeSocket: DojoSocket, @unchecked Sendable {
    let url: URL
    let incoming = Mailbox<Result<Data, DojoSocketClosed>>()
    let sent = Mailbox<Data>()
    private let closedCode = Locked<Int?>(nil)

    init(url: URL) {
        self.url = url
    }

    func send(_ frame: Data) {
        sent.put(frame)
    }

    func receive() async throws -> Data {
        guard let next = await incoming.take(timeout: 30) else { throw DojoSocketClosed(code: DojoCloseCode.abnormal) }
        return try next.get()
    }

    func close(code: Int) {
        closedCode.set(code)
        incoming.put(.failure(DojoSocketClosed(code: code)))
    }

    var closedWith: Int? { closedCode.get() }

    // MARK: Server side

    func serverSends(_ frame: ColyseusFrame) {
        incoming.put(.success(frame.encoded()))
    }

    func serverSendsRaw(_ bytes: [UInt8]) {
        incoming.put(.success(Data(bytes)))
    }

    func serverCloses(_ code: Int) {
        incoming.put(.failure(DojoSocketClosed(code: code)))
    }

    /// The next frame the client sent, decoded.
    func nextFromClient(timeout: TimeInterval = 5) async -> ColyseusFrame? {
        guard let data = await sent.take(timeout: timeout) else { return nil }
        return try? ColyseusFrame.decode(data)
    }
}

/// Matchmaking and sockets as scripted by the test; records what the session asked for.
final class FakeTransport: DojoTransport, @unchecked Sendable {
    let sockets = Mailbox<FakeSocket>()
    let reservations = Locked(0)
    let refusal = Locked<MatchmakeError?>(nil)

    func reserveSeat(engineURL: URL, ticket: String, relay: Bool) async throws -> SeatReservation {
        if let refusal = refusal.get() { throw refusal }
        reservations.update { $0 += 1 }
        return SeatReservation(sessionId: "sess_me\(reservations.get())", roomId: "d0d0", processId: "proc_1", publicAddress: "127.0.0.1:2567")
    }

    func open(_ url: URL) async throws -> any DojoSocket {
        let socket = FakeSocket(url: url)
        sockets.put(socket)
        return socket
    }
}

/// The room's side of the document: an Automerge document holding the files, one sync state per connection.
final class FakeRoomDocument {
    let document = Document(textEncoding: .utf16)
    private(set) var syncState = SyncState()
    let files: ObjId

    init(files initial: [String: String]) throws {
        files = try document.putObject(obj: .ROOT, key: "files", ty: .Map)
        for (path, text) in initial {
            let id = try document.putObject(obj: files, key: path, ty: .Text)
            try document.spliceText(obj: id, start: 0, delete: 0, value: text)
        }
    }

    func newConnection() {
        syncState = SyncState()
    }

    func text(_ path: String) throws -> String {
        guard case let .Object(id, .Text)? = try document.get(obj: files, key: path) else { return "" }
        return try document.text(obj: id)
    }

    /// Applies a client sync message and returns the reply, if any.
    func receive(_ message: Data) throws -> Data? {
        try document.receiveSyncMessage(state: syncState, message: message)
        return document.generateSyncMessage(state: syncState)
    }

    func firstSync() -> Data? {
        document.generateSyncMessage(state: syncState)
    }
}

/// Server payloads as the engine sends them.
enum ServerFrames {
    static let me = "0a0a0a0a-0000-4000-8000-00000000000a"
    static let other = "0b0b0b0b-0000-4000-8000-00000000000b"

    static func join(token: String = "rt-1", handshake: Bool = true) -> ColyseusFrame {
        .joinRoom(JoinRoom(reconnectionToken: token, serializerId: "schema", handshake: handshake ? Data([0x80, 0x01, 0xff]) : Data()))
    }

    static func welcome(sessionId: String = "sess_me1", userId: String = me, role: String = "participant", serverTime: Double, chat: [MessagePackValue] = []) -> ColyseusFrame {
        .roomData(type: "welcome", payload: .object([
            ("protocolVersion", 1), ("sessionId", .string(sessionId)), ("userId", .string(userId)),
            ("role", .string(role)), ("color", "#e6194b"), ("relay", false), ("chat", .array(chat)),
            ("serverTime", .double(serverTime)),
        ]))
    }

    static func participant(_ sessionId: String, _ userId: String, _ name: String, role: String = "participant", seat: String) -> MessagePackValue {
        .object([
            ("sessionId", .string(sessionId)), ("userId", .string(userId)), ("name", .string(name)),
            ("role", .string(role)), ("seat", .string(seat)), ("connection", "connected"), ("color", "#3cb44b"),
        ])
    }

    static func state(editPolicy: String, driver: String, timer: MessagePackValue = idleTimer, participants: [MessagePackValue]) -> ColyseusFrame {
        .roomData(type: "state", payload: .object([
            ("dojoId", "d0d0"), ("title", "FizzBuzz kata"), ("language", "typescript"), ("kataId", "fizzbuzz"),
            ("editPolicy", .string(editPolicy)), ("durationMinutes", 30), ("rotationMinutes", 5),
            ("driverUserId", .string(driver)), ("timer", timer), ("participants", .array(participants)),
        ]))
    }

    static let idleTimer: MessagePackValue = .object([
        ("status", "idle"), ("durationMs", 1_800_000), ("remainingMs", 1_800_000), ("endsAt", 0), ("nextRotationAt", 0),
    ])

    static func error(_ code: String, ref: String? = nil) -> ColyseusFrame {
        var pairs: [(String, MessagePackValue)] = [("code", .string(code)), ("message", .string("refused: \(code)"))]
        if let ref { pairs.append(("ref", .string(ref))) }
        return .roomData(type: "error", payload: .object(pairs))
    }

    static func chat(_ text: String, at: Double = 1_764_625_000_000) -> ColyseusFrame {
        .roomData(type: "chat", payload: .object([
            ("id", "1c1c"), ("userId", .string(other)), ("name", "Bob"), ("text", .string(text)), ("at", .double(at)),
        ]))
    }

    static func driveRequested(_ userId: String, _ name: String, at: Double, expiresAt: Double) -> ColyseusFrame {
        .roomData(type: "drive.requested", payload: .object([
            ("userId", .string(userId)), ("name", .string(name)), ("at", .double(at)), ("expiresAt", .double(expiresAt)),
        ]))
    }

    static func sync(_ bytes: Data) -> ColyseusFrame {
        .roomDataBytes(type: "sync", bytes: bytes)
    }
}
