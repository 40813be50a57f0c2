import XCTest
@testable import PocDojoKit

/// Decodes and re-encodes every vector of docs/protocol-vectors.json, generated from
/// `common/src/dojo-protocol` and Colyseus's own frame builders (the contract the
/// TypeScript engine, the Kotlin core and this package share).
final class ProtocolVectorsTests: XCTestCase {
    struct VectorFile: Decodable {
        var version: Int
        var colyseus: String
        var protocolVersion: Int
        var vectors: [Vector]
    }

    struct Vector: Decodable {
        var name: String
        var kind: String
        var direction: String?
        var hex: String
        var decoded: JSONValue

        var fromServer: Bool { direction == "server→client" }
    }

    private func load() throws -> VectorFile {
        let url = repoRoot.appendingPathComponent("docs/protocol-vectors.json")
        return try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: url))
    }

    func testTheFileIsVersion1OfTheColyseus018Protocol() throws {
        let file = try load()
        XCTAssertEqual(file.version, 1)
        XCTAssertEqual(file.colyseus, "0.18")
        XCTAssertEqual(file.protocolVersion, DojoProtocol.version)
        XCTAssertGreaterThan(file.vectors.count, 50)
        XCTAssertEqual(
            Set(file.vectors.map(\.kind)),
            ["frame", "message", "headerString", "headerNumber", "changes", "closeCode", "matchmake"]
        )
    }

    func testEveryVectorDecodesAndReencodes() throws {
        for vector in try load().vectors {
            do {
                try check(vector)
            } catch {
                XCTFail("\(vector.name): \(error)")
            }
        }
    }

    private func check(_ vector: Vector) throws {
        let bytes = Data(hex: vector.hex)
        let decoded = vector.decoded
        let name = vector.name
        switch vector.kind {
        case "frame":
            try checkFrame(vector, bytes)
        case "message":
            try checkMessage(vector, bytes)
        case "headerString":
            let value = try XCTUnwrap(decoded["value"]?.string, name)
            var reader = ByteReader(bytes)
            let read = try ColyseusHeader.readString(&reader)
            XCTAssertEqual(read, value, name)
            var writer = ByteWriter()
            ColyseusHeader.writeString(value, to: &writer)
            XCTAssertEqual(writer.data.hex, vector.hex, name)
        case "headerNumber":
            let value = try XCTUnwrap(decoded["value"]?.number, name)
            var reader = ByteReader(bytes)
            let read = try ColyseusHeader.readNumber(&reader)
            XCTAssertEqual(read, value, name)
            var writer = ByteWriter()
            ColyseusHeader.writeNumber(value, to: &writer)
            XCTAssertEqual(writer.data.hex, vector.hex, name)
        case "changes":
            let expected = try XCTUnwrap(decoded["changesHex"]?.items, name).compactMap(\.string)
            XCTAssertEqual(try ChangesFraming.decode(bytes).map(\.hex), expected, name)
            XCTAssertEqual(ChangesFraming.encode(expected.map { Data(hex: $0) }).hex, vector.hex, name)
        case "closeCode":
            try checkCloseCode(vector, bytes)
        case "matchmake":
            try checkMatchmake(vector, bytes)
        default:
            XCTFail("\(name): unknown vector kind \(vector.kind)")
        }
    }

    private func checkFrame(_ vector: Vector, _ bytes: Data) throws {
        let decoded = vector.decoded
        let name = vector.name
        let frame = try ColyseusFrame.decode(bytes)
        XCTAssertEqual(Double(frame.code.rawValue), decoded["code"]?.number, name)
        switch (decoded["frame"]?.string, frame) {
        case ("JOIN_ROOM", .joinAck):
            XCTAssertFalse(vector.fromServer, name)
        case let ("JOIN_ROOM", .joinRoom(join)):
            XCTAssertEqual(join.reconnectionToken, decoded["reconnectionToken"]?.string, name)
            XCTAssertEqual(join.serializerId, decoded["serializerId"]?.string, name)
            XCTAssertEqual(join.handshake.hex, decoded["handshakeHex"]?.string, name)
        case let ("ERROR", .error(code, message)):
            XCTAssertEqual(Double(code), decoded["status"]?.number, name)
            XCTAssertEqual(message, decoded["message"]?.string, name)
            XCTAssertEqual(message.split(separator: ":").first.map(String.init), decoded["errorCode"]?.string, name)
        case ("LEAVE_ROOM", .leaveRoom), ("PING", .ping), ("ROOM_STATE", .roomState), ("ROOM_STATE_PATCH", .roomStatePatch):
            break
        default:
            XCTFail("\(name): decoded as \(frame)")
        }
        XCTAssertEqual(frame.encoded().hex, vector.hex, "\(name) re-encoded")
    }

    private func checkMessage(_ vector: Vector, _ bytes: Data) throws {
        let decoded = vector.decoded
        let name = vector.name
        let frame = try ColyseusFrame.decode(bytes)
        switch frame {
        case let .roomData(type, payload):
            XCTAssertEqual(type, decoded["type"]?.string, name)
            let payload = try XCTUnwrap(payload, name)
            XCTAssertTrue(sameValue(try XCTUnwrap(decoded["payload"], name), payload), "\(name): payload \(payload)")
            if vector.fromServer {
                // The engine's msgpackr writes every map with a map16 header: reproduced byte for byte.
                XCTAssertEqual(frame.encoded(maps: .msgpackr).hex, vector.hex, "\(name) re-encoded")
                try checkTyped(name, try XCTUnwrap(ServerMessage.decode(frame), name), decoded["payload"])
            } else {
                XCTAssertEqual(frame.encoded().hex, vector.hex, "\(name) re-encoded")
                // What this client sends for that message is exactly the vector.
                XCTAssertEqual(try ClientMessage.decode(frame).frame.encoded().hex, vector.hex, "\(name) typed")
            }
        case let .roomDataBytes(type, payload):
            XCTAssertEqual(type, decoded["type"]?.string, name)
            XCTAssertEqual(payload.hex, decoded["payloadHex"]?.string, name)
            XCTAssertEqual(frame.encoded().hex, vector.hex, "\(name) re-encoded")
            if vector.fromServer {
                let message = try XCTUnwrap(ServerMessage.decode(frame), name)
                try checkAutomerge(name, message)
            } else {
                XCTAssertEqual(try ClientMessage.decode(frame).frame.encoded().hex, vector.hex, "\(name) typed")
            }
        default:
            XCTFail("\(name): a message vector must be ROOM_DATA or ROOM_DATA_BYTES, got \(frame)")
        }
    }

    /// The typed decoders read the same values the vector states.
    private func checkTyped(_ name: String, _ message: ServerMessage, _ payload: JSONValue?) throws {
        let payload = try XCTUnwrap(payload, name)
        switch message {
        case let .welcome(welcome):
            XCTAssertEqual(welcome.sessionId, payload["sessionId"]?.string, name)
            XCTAssertEqual(welcome.serverTime, payload["serverTime"]?.number, name)
            XCTAssertEqual(welcome.chat.count, payload["chat"]?.items?.count, name)
        case let .state(snapshot):
            XCTAssertEqual(snapshot.driverUserId, payload["driverUserId"]?.string, name)
            XCTAssertEqual(snapshot.timer.endsAt, payload["timer"]?["endsAt"]?.number, name)
            XCTAssertEqual(snapshot.participants.count, payload["participants"]?.items?.count, name)
        case let .presence(batch):
            XCTAssertEqual(batch.updates.count, payload["updates"]?.items?.count, name)
            XCTAssertEqual(batch.removed, payload["removed"]?.items?.compactMap(\.string), name)
        case let .chat(line):
            XCTAssertEqual(line.text, payload["text"]?.string, name)
            XCTAssertEqual(line.at, payload["at"]?.number, name)
        case let .announce(announcement):
            XCTAssertEqual(announcement.at, payload["at"]?.number, name)
        case let .error(error):
            XCTAssertEqual(error.code.rawValue, payload["code"]?.string, name)
            XCTAssertEqual(error.ref, payload["ref"]?.string, name)
        case let .run(run):
            XCTAssertEqual(run.runId, payload["runId"]?.string, name)
            XCTAssertEqual(run.requestedAt, payload["requestedAt"]?.number, name)
            XCTAssertEqual(run.colour, payload["colour"]?.string, name)
        case let .runs(runs):
            XCTAssertEqual(runs.count, payload["runs"]?.items?.count, name)
            XCTAssertEqual(runs.first?.finishedAt, payload["runs"]?.items?.first?["finishedAt"]?.number, name)
        case let .voice(event):
            switch event {
            case let .roster(members), let .joined(members):
                XCTAssertEqual(members.count, payload["members"]?.items?.count, name)
                XCTAssertEqual(members.first?.name, payload["members"]?.items?.first?["name"]?.string, name)
            case let .signal(from):
                XCTAssertEqual(from, payload["from"]?.string, name)
            }
        case let .driveRequested(request):
            XCTAssertEqual(request.userId, payload["userId"]?.string, name)
            XCTAssertEqual(request.expiresAt, payload["expiresAt"]?.number, name)
        case .sync, .changes, .reset:
            XCTFail("\(name): binary message in a ROOM_DATA frame")
        }
    }

    /// Binary payloads are real Automerge data: the replica takes them.
    private func checkAutomerge(_ name: String, _ message: ServerMessage) throws {
        switch message {
        case let .reset(saved):
            let document = DojoDocument()
            try document.replace(withSaved: saved)
            XCTAssertFalse(document.paths.isEmpty, "\(name): the reset document has files")
            XCTAssertFalse(document.text(document.paths[0]).isEmpty, name)
        case let .sync(message):
            let document = DojoDocument()
            try document.receiveSyncMessage(message)
            XCTAssertNotNil(document.generateSyncMessage(), "\(name): an empty replica asks for the changes")
        case let .changes(changes):
            XCTAssertFalse(changes.isEmpty, name)
        default:
            XCTFail("\(name): unexpected \(message)")
        }
    }

    private func checkCloseCode(_ vector: Vector, _ bytes: Data) throws {
        let name = vector.name
        let code = Int(bytes[0]) << 8 | Int(bytes[1])
        XCTAssertEqual(Double(code), vector.decoded["code"]?.number, name)
        let action = ReconnectPolicy.standard.action(forCloseCode: code)
        switch vector.decoded["action"]?.string ?? "" {
        case "none":
            XCTAssertEqual(action, .stop(.left), name)
        case "do not rejoin":
            XCTAssertEqual(action, .stop(.removed), name)
        case let text where text.hasPrefix("reconnect"):
            XCTAssertEqual(action, .reconnect, name)
        case let text where text.hasPrefix("matchmake"):
            XCTAssertEqual(action, .rejoin, name)
        default:
            guard case .stop(.refused) = action else { return XCTFail("\(name): \(action) should stop without retrying") }
        }
    }

    private func checkMatchmake(_ vector: Vector, _ bytes: Data) throws {
        let decoded = vector.decoded
        let name = vector.name
        let body = try JSONDecoder().decode(JSONValue.self, from: bytes)
        XCTAssertEqual(body, decoded["body"], name)
        if decoded["method"] != nil {
            let ticket = try XCTUnwrap(body["ticket"]?.string, name)
            let ours = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(MatchmakeRequest(ticket: ticket, relay: false)))
            XCTAssertEqual(ours, body, "\(name): the request this client sends")
        } else if let socket = decoded["webSocket"]?.string {
            let seat = try JSONDecoder().decode(SeatReservation.self, from: bytes)
            let engine = try XCTUnwrap(URL(string: "http://127.0.0.1:2567"))
            XCTAssertEqual(seat.socketURL(engineURL: engine)?.absoluteString, socket, name)
            XCTAssertEqual(seat.socketURL(engineURL: engine, reconnectionToken: "rt-0123456789")?.absoluteString, decoded["reconnect"]?.string, name)
        } else {
            let status = try XCTUnwrap(decoded["status"]?.number, name)
            let refusal = MatchmakeError(status: Int(status), body: bytes)
            XCTAssertEqual(refusal.code?.rawValue, decoded["errorCode"]?.string, name)
            XCTAssertFalse(refusal.message.isEmpty, name)
        }
    }
}
