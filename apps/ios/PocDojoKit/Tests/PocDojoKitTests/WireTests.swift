import XCTest
@testable import PocDojoKit

/// MessagePack and Colyseus framing on their own, including the examples of docs/protocol.md §5
/// and input that must fail cleanly.
final class WireTests: XCTestCase {
    func testTheChatExampleOfTheProtocolPage() {
        XCTAssertEqual(ClientMessage.chat("hi").frame.encoded().hex, "0da463686174" + "81a474657874a26869")
    }

    func testTheSyncExampleOfTheProtocolPage() {
        let automerge = Data([0x42, 0x01, 0x02])
        XCTAssertEqual(ClientMessage.sync(automerge).frame.encoded().hex, "11a473796e63" + "420102")
    }

    func testMessagePackRoundTripsEveryForm() throws {
        let values: [MessagePackValue] = [
            .null, true, false, 0, 127, 128, 255, 256, 65535, 65536, 4_294_967_295, 4_294_967_296, .uint(UInt64.max),
            -1, -32, -33, -128, -129, -32768, -32769, -2_147_483_648, -2_147_483_649,
            .float(1.5), .double(1_764_625_000_123.5), "", .string(String(repeating: "a", count: 31)),
            .string(String(repeating: "b", count: 32)), .string(String(repeating: "c", count: 256)), "ação 👩🏽‍💻",
            .binary(Data([1, 2, 3])), .binary(Data(count: 300)), .array([1, "two", .null]),
            .array(Array(repeating: 7, count: 20)), .object([("b", 1), ("a", 2)]), .ext(type: -1, data: Data([1, 2, 3, 4])),
        ]
        for value in values {
            let bytes = MessagePackWriter.encode(value)
            XCTAssertEqual(try MessagePackReader.decode(bytes), value, "\(value)")
        }
    }

    func testMapsKeepTheirOrderAndTheEnginesMapHeader() throws {
        let value: MessagePackValue = .object([("z", 1), ("a", 2)])
        XCTAssertEqual(MessagePackWriter.encode(value).hex, "82a17a01a16102")
        XCTAssertEqual(MessagePackWriter.encode(value, maps: .msgpackr).hex, "de0002a17a01a16102")
        XCTAssertEqual(try MessagePackReader.decode(Data(hex: "de0002a17a01a16102")).keys, ["z", "a"])
    }

    func testTimestampsReadAsNumbersWhateverTheirForm() throws {
        XCTAssertEqual(try MessagePackValue.double(1_764_625_000_000).asInt(), 1_764_625_000_000)
        XCTAssertEqual(try MessagePackValue.int(42).asDouble(), 42)
        XCTAssertThrowsError(try MessagePackValue.double(1.5).asInt())
        XCTAssertThrowsError(try MessagePackValue.string("1").asDouble())
    }

    func testGarbageFailsWithAReasonInsteadOfCrashing() {
        let garbage: [String] = [
            "", "c1", "d9", "d9ff61", "92", "dcffff", "dfffffffff", "c6ffffffff00",
            String(repeating: "91", count: 100) + "00",
        ]
        for hex in garbage {
            XCTAssertThrowsError(try MessagePackReader.decode(Data(hex: hex)), hex) { error in
                XCTAssertTrue(error is WireError, hex)
            }
        }
        XCTAssertThrowsError(try MessagePackReader.decode(Data(hex: "0000")), "trailing bytes")
    }

    func testBadFramesAreRefused() {
        for hex in ["", "ff", "2d", "09", "0da3626164c1", "0d05", "0aff", "0a0141", "11", "0bcd"] {
            XCTAssertThrowsError(try ColyseusFrame.decode(Data(hex: hex)), hex)
        }
    }

    func testAnUnknownMessageTypeIsAnError() throws {
        let frame = try ColyseusFrame.decode(ColyseusFrame.roomData(type: "bogus", payload: .object([])).encoded())
        XCTAssertThrowsError(try ServerMessage.decode(frame))
    }

    func testAWelcomeWithAWrongFieldNamesIt() throws {
        let frame = ColyseusFrame.roomData(type: "welcome", payload: .object([("protocolVersion", 1)]))
        XCTAssertThrowsError(try ServerMessage.decode(frame)) { error in
            XCTAssertEqual((error as? WireError)?.reason, "missing field \"sessionId\"")
        }
    }

    func testJoinHandshakeKeepsTrailingSections() throws {
        let join = JoinRoom(reconnectionToken: "rt", serializerId: "schema", handshake: Data([1, 2]), sections: Data([7, 1, 9]))
        let bytes = ColyseusFrame.joinRoom(join).encoded()
        XCTAssertEqual(try ColyseusFrame.decode(bytes), .joinRoom(join))
        XCTAssertEqual(try ColyseusFrame.decode(Data([0x0a])), .joinAck)
    }

    func testChangesFramingRefusesBadInput() {
        XCTAssertThrowsError(try ChangesFraming.decode(Data([0x00])), "empty change")
        XCTAssertThrowsError(try ChangesFraming.decode(Data([0x05, 1, 2])), "truncated")
        XCTAssertThrowsError(try ChangesFraming.decode(Data([0x80])), "truncated length")
        XCTAssertThrowsError(try ChangesFraming.decode(ChangesFraming.encode([Data([1]), Data([2])]), maxChanges: 1))
    }

    func testClientPayloadsHaveExactlyTheKeysTheServerAccepts() {
        let presence = ClientMessage.presence(PresenceUpdate(file: "a.ts", anchor: 1, head: 2, typing: true))
        guard case let .roomData(_, payload?) = presence.frame else { return XCTFail("presence is msgpack") }
        XCTAssertEqual(payload.keys, ["file", "anchor", "head", "typing"])
        guard case let .roomData(_, command?) = ClientMessage.command(.setDriver(userId: "u")).frame else { return XCTFail() }
        XCTAssertEqual(command.keys, ["action", "userId"])
        XCTAssertEqual(command["action"], "driver.set")
    }
}
