import Automerge
import XCTest
@testable import PocDojoKit

/// The session's state machine against a scripted engine: real Automerge documents on
/// both sides, a fake socket and a virtual clock (the session's sleeps advance it).
@MainActor
final class DojoSessionTests: XCTestCase {
    static let path = "src/main/fizzbuzz.ts"
    static let starter = "export function fizzbuzz(n: number): string {\n  return String(n);\n}\n"
    static let start = Date(timeIntervalSince1970: 1_764_625_000)

    struct Harness {
        let session: DojoSession
        let transport: FakeTransport
        let clock: Locked<Date>
        let tickets: Locked<Int>
        let room: FakeRoomDocument
    }

    func makeHarness(policy: ReconnectPolicy = .standard) throws -> Harness {
        let transport = FakeTransport()
        let clock = Locked(Self.start)
        let tickets = Locked(0)
        let session = DojoSession(
            transport: transport,
            policy: policy,
            now: { clock.get() },
            sleep: { duration in clock.update { $0 = $0.addingTimeInterval(duration.seconds) } },
            tickets: {
                tickets.update { $0 += 1 }
                return DojoTicket(ticket: "ticket-\(tickets.get())", engineUrl: "http://127.0.0.1:2567")
            }
        )
        // Sessions a test leaves running would otherwise keep reconnecting to fake sockets.
        addTeardownBlock { @MainActor in session.leave() }
        return Harness(session: session, transport: transport, clock: clock, tickets: tickets, room: try FakeRoomDocument(files: [Self.path: Self.starter]))
    }

    /// Waits until `condition` holds, letting the session's tasks run (bounded by turns, not time).
    func eventually(_ what: String, _ condition: () -> Bool) async {
        for _ in 0..<20_000 {
            if condition() { return }
            await Task.yield()
        }
        XCTFail("never happened: \(what)")
    }

    /// The next frame the client sent that matches, skipping others (sync chatter, presence).
    func next(_ socket: FakeSocket, _ matches: (ColyseusFrame) -> Bool) async -> ColyseusFrame? {
        while let frame = await socket.nextFromClient() {
            if matches(frame) { return frame }
        }
        return nil
    }

    /// Answers the client's sync messages until `done`, as the engine would.
    func sync(_ h: Harness, _ socket: FakeSocket, serverFirst: Bool, until done: () throws -> Bool) async throws {
        if serverFirst, let first = h.room.firstSync() { socket.serverSends(ServerFrames.sync(first)) }
        for _ in 0..<50 {
            if try done() { return }
            guard let frame = await socket.nextFromClient() else { break }
            if case let .roomDataBytes("sync", bytes) = frame, let reply = try h.room.receive(bytes) {
                socket.serverSends(ServerFrames.sync(reply))
            }
        }
        XCTAssertTrue(try done(), "sync never converged")
    }

    /// Starts the session and plays the engine's side of a join: handshake, welcome, state, document.
    func join(
        _ h: Harness, role: String = "participant", editPolicy: String = "everyone", driver: String = "",
        serverTimeOffsetMs: Double = 0
    ) async throws -> FakeSocket {
        h.session.start()
        let opened = await h.transport.sockets.take()
        let socket = try XCTUnwrap(opened, "a socket opened")
        socket.serverSends(ServerFrames.join())
        let ack = await socket.nextFromClient()
        XCTAssertEqual(ack, .joinAck)
        h.room.newConnection()
        let serverTime = Self.start.timeIntervalSince1970 * 1000 + serverTimeOffsetMs
        socket.serverSends(ServerFrames.welcome(role: role, serverTime: serverTime))
        socket.serverSends(ServerFrames.state(editPolicy: editPolicy, driver: driver, participants: [
            ServerFrames.participant("sess_me1", ServerFrames.me, "Ada", role: role, seat: driver == ServerFrames.me ? "driver" : "navigator"),
            ServerFrames.participant("sess_b", ServerFrames.other, "Bob", seat: driver == ServerFrames.other ? "driver" : "navigator"),
        ]))
        try await sync(h, socket, serverFirst: true) { h.session.text(of: Self.path) == Self.starter }
        return socket
    }

    // MARK: Joining

    func testJoinAcknowledgesTheHandshakeAndSyncsTheRoomsDocument() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        XCTAssertEqual(h.session.status, .connected)
        XCTAssertEqual(h.session.files, [Self.path])
        XCTAssertTrue(h.session.hasDocument)
        XCTAssertEqual(h.transport.reservations.get(), 1)
        XCTAssertEqual(h.tickets.get(), 1)
        XCTAssertEqual(socket.url.absoluteString, "ws://127.0.0.1:2567/proc_1/d0d0?sessionId=sess_me1")
        XCTAssertEqual(h.session.room?.title, "FizzBuzz kata")
    }

    func testALocalEditReachesTheRoom() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        XCTAssertTrue(h.session.canEdit)
        XCTAssertTrue(h.session.edit(path: Self.path, offset: 0, length: 0, replacement: "// olá\n"))
        try await sync(h, socket, serverFirst: false) { try h.room.text(Self.path) == "// olá\n" + Self.starter }
    }

    func testNoEditBeforeTheRoomsDocumentArrives() throws {
        let h = try makeHarness()
        XCTAssertFalse(h.session.edit(path: Self.path, offset: 0, length: 0, replacement: "x"))
        XCTAssertFalse(h.session.createFile(path: "new.ts"))
    }

    // MARK: Edit policy

    func testANavigatorUnderDriverPolicyIsReadOnlyUntilSheDrives() async throws {
        let h = try makeHarness()
        let socket = try await join(h, editPolicy: "driver", driver: ServerFrames.other)
        XCTAssertFalse(h.session.canEdit)
        XCTAssertTrue(h.session.isReadOnly)
        XCTAssertEqual(h.session.me?.seat, .navigator)
        XCTAssertFalse(h.session.edit(path: Self.path, offset: 0, length: 0, replacement: "x"))
        XCTAssertEqual(h.session.text(of: Self.path), Self.starter)

        socket.serverSends(ServerFrames.state(editPolicy: "driver", driver: ServerFrames.me, participants: [
            ServerFrames.participant("sess_me1", ServerFrames.me, "Ada", seat: "driver"),
        ]))
        await eventually("Ada drives") { h.session.canEdit }
        XCTAssertEqual(h.session.me?.seat, .driver)
    }

    func testTheDriverSeesARequestToDriveAndHandsTheKeyboardOver() async throws {
        let h = try makeHarness()
        let socket = try await join(h, editPolicy: "driver", driver: ServerFrames.me)
        XCTAssertTrue(h.session.mayAcceptDriveRequests)
        let nowMs = Self.start.timeIntervalSince1970 * 1000
        socket.serverSends(ServerFrames.driveRequested(ServerFrames.other, "Bob", at: nowMs, expiresAt: nowMs + 120_000))
        await eventually("Bob's request shows") { h.session.openDriveRequests.map(\.name) == ["Bob"] }

        h.session.acceptDrive(userId: ServerFrames.other)
        let accept = await next(socket) { if case .roomData("drive.accept", _) = $0 { return true } else { return false } }
        XCTAssertEqual(try ClientMessage.decode(try XCTUnwrap(accept)), .driveAccept(userId: ServerFrames.other))
        XCTAssertTrue(h.session.openDriveRequests.isEmpty, "answered requests leave the list")
    }

    func testARequestToDriveLapsesWhenTheDriverChangesOrItExpires() async throws {
        let h = try makeHarness()
        let socket = try await join(h, editPolicy: "driver", driver: ServerFrames.other)
        XCTAssertFalse(h.session.mayAcceptDriveRequests, "a navigator cannot accept")
        h.session.requestDrive()
        let request = await next(socket) { if case .roomData("drive.request", _) = $0 { return true } else { return false } }
        XCTAssertEqual(try ClientMessage.decode(try XCTUnwrap(request)), .driveRequest)

        let nowMs = Self.start.timeIntervalSince1970 * 1000
        socket.serverSends(ServerFrames.driveRequested(ServerFrames.me, "Ada", at: nowMs, expiresAt: nowMs + 120_000))
        await eventually("the request shows") { h.session.openDriveRequests.count == 1 }
        h.clock.update { $0 = $0.addingTimeInterval(121) }
        XCTAssertTrue(h.session.openDriveRequests.isEmpty, "expired on the server's clock")

        socket.serverSends(ServerFrames.driveRequested(ServerFrames.me, "Ada", at: nowMs + 121_000, expiresAt: nowMs + 241_000))
        await eventually("a new request shows") { h.session.openDriveRequests.count == 1 }
        socket.serverSends(ServerFrames.state(editPolicy: "driver", driver: ServerFrames.me, participants: [
            ServerFrames.participant("sess_me1", ServerFrames.me, "Ada", seat: "driver"),
        ]))
        await eventually("a new driver ends every request") { h.session.driveRequests.isEmpty }
    }

    func testAFacilitatorMayAlwaysEdit() async throws {
        let h = try makeHarness()
        _ = try await join(h, role: "facilitator", editPolicy: "driver", driver: ServerFrames.other)
        XCTAssertTrue(h.session.isFacilitator)
        XCTAssertTrue(h.session.canEdit)
    }

    func testAResetReplacesTheReplicaAndRestartsSync() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        XCTAssertTrue(h.session.edit(path: Self.path, offset: 0, length: 0, replacement: "refused "))
        let refused = await next(socket) { if case .roomDataBytes("sync", _) = $0 { return true } else { return false } }
        XCTAssertNotNil(refused, "the edit went out")
        // The engine refuses it: error, then the authoritative document.
        socket.serverSends(ServerFrames.error("edit_forbidden", ref: "sync"))
        socket.serverSends(.roomDataBytes(type: "reset", bytes: h.room.document.save()))
        await eventually("the replica is the room's again") { h.session.text(of: Self.path) == Self.starter }
        XCTAssertEqual(h.session.lastError?.code, .editForbidden)
        XCTAssertEqual(h.session.lastError?.ref, "sync")
        let resync = await next(socket) { if case .roomDataBytes("sync", _) = $0 { return true } else { return false } }
        XCTAssertNotNil(resync, "a fresh sync follows the reset")
        XCTAssertEqual(h.session.status, .connected)
    }

    // MARK: Reconnection

    func testADroppedSocketReopensTheSeatWithItsTokenAndOfflineEditsMerge() async throws {
        let h = try makeHarness()
        let first = try await join(h)
        first.serverCloses(DojoCloseCode.abnormal)
        let secondOpened = await h.transport.sockets.take()
        let second = try XCTUnwrap(secondOpened, "reconnected")
        XCTAssertEqual(h.session.status, .reconnecting)
        XCTAssertTrue(second.url.absoluteString.contains("reconnectionToken=rt-1"))
        XCTAssertTrue(second.url.absoluteString.contains("skipHandshake=true"))
        XCTAssertEqual(h.tickets.get(), 1, "no new ticket inside the window")
        XCTAssertEqual(h.transport.reservations.get(), 1)

        // Typed while offline: kept in the replica.
        XCTAssertTrue(h.session.edit(path: Self.path, offset: 0, length: 0, replacement: "// offline\n"))

        second.serverSends(ServerFrames.join(handshake: false))
        let ack = await second.nextFromClient()
        XCTAssertEqual(ack, .joinAck)
        h.room.newConnection()
        second.serverSends(ServerFrames.welcome(serverTime: Self.start.timeIntervalSince1970 * 1000))
        try await sync(h, second, serverFirst: true) { try h.room.text(Self.path) == "// offline\n" + Self.starter }
        XCTAssertEqual(h.session.status, .connected)
    }

    func testAfterTheWindowItMatchmakesAgainWithAFreshTicket() async throws {
        // The first retry waits 30 s of virtual time: longer than the 20 s window.
        let h = try makeHarness(policy: ReconnectPolicy(baseDelay: .seconds(30), maxDelay: .seconds(30)))
        let first = try await join(h)
        first.serverCloses(DojoCloseCode.abnormal)
        let secondOpened = await h.transport.sockets.take()
        let second = try XCTUnwrap(secondOpened, "rejoined")
        XCTAssertFalse(second.url.absoluteString.contains("reconnectionToken"))
        XCTAssertEqual(h.tickets.get(), 2)
        XCTAssertEqual(h.transport.reservations.get(), 2)
    }

    func testAFailedReconnectionOrAShutdownMatchmakesAgain() async throws {
        for code in [DojoCloseCode.failedToReconnect, DojoCloseCode.serverShutdown] {
            let h = try makeHarness()
            let first = try await join(h)
            first.serverCloses(code)
            let secondOpened = await h.transport.sockets.take()
            let second = try XCTUnwrap(secondOpened, "rejoined after \(code)")
            XCTAssertFalse(second.url.absoluteString.contains("reconnectionToken"), "\(code)")
            XCTAssertEqual(h.tickets.get(), 2, "\(code)")
            h.session.leave()
        }
    }

    func testRemovalEndsTheSessionForGood() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        socket.serverCloses(DojoCloseCode.removed)
        await eventually("removed") { h.session.status == .ended(.removed) }
        XCTAssertEqual(h.transport.sockets.pending, 0, "no reconnection")
        XCTAssertEqual(h.tickets.get(), 1)
    }

    func testARefusedJoinEndsWithTheServersReason() async throws {
        let h = try makeHarness()
        h.session.start()
        let socketOpened = await h.transport.sockets.take()
        let socket = try XCTUnwrap(socketOpened)
        socket.serverSends(.error(code: 403, message: "participant_removed: a facilitator removed you"))
        socket.serverCloses(DojoCloseCode.withError)
        await eventually("refused") { h.session.status == .ended(.refused("participant_removed: a facilitator removed you")) }
    }

    func testARefusedMatchmakingEndsTheSession() async throws {
        let h = try makeHarness()
        h.transport.refusal.set(MatchmakeError(status: 403, code: .tenantMismatch, message: "another team's dojo"))
        h.session.start()
        await eventually("refused") { h.session.status == .ended(.refused("another team's dojo")) }
        XCTAssertEqual(h.transport.sockets.pending, 0)
    }

    func testLeavingSendsLeaveRoom() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        h.session.leave()
        let leave = await next(socket) { $0 == .leaveRoom }
        XCTAssertEqual(leave, .leaveRoom)
        XCTAssertEqual(h.session.status, .ended(.left))
        XCTAssertEqual(socket.closedWith, DojoCloseCode.consented)
    }

    // MARK: Bad input

    func testGarbageFramesAreReportedAndTheSessionGoesOn() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        socket.serverSendsRaw([0xff])
        socket.serverSendsRaw([0x0d, 0xa3, 0x62, 0x61, 0x64, 0xc1])
        socket.serverSends(.roomData(type: "bogus", payload: .object([])))
        socket.serverSends(.roomData(type: "chat", payload: .object([("text", 42)])))
        socket.serverSends(.roomDataBytes(type: "sync", bytes: Data([0xde, 0xad])))
        socket.serverSends(ServerFrames.chat("still here"))
        await eventually("the chat after the garbage") { h.session.chat.last?.text == "still here" }
        XCTAssertNotNil(h.session.notice)
        XCTAssertEqual(h.session.status, .connected)
    }

    // MARK: Room state

    func testTheServerClockOffsetComesFromTheWelcome() async throws {
        let h = try makeHarness()
        _ = try await join(h, serverTimeOffsetMs: 5000)
        XCTAssertEqual(h.session.clock.offsetMs, 5000, accuracy: 0.001)
    }

    func testPresenceKeepsOthersAndForgetsThoseWhoLeft() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        func entry(_ session: String, _ name: String) -> MessagePackValue {
            .object([
                ("file", .string(Self.path)), ("anchor", 3), ("head", 5), ("typing", true),
                ("sessionId", .string(session)), ("userId", "u"), ("name", .string(name)), ("color", "#3cb44b"),
            ])
        }
        socket.serverSends(.roomData(type: "presence", payload: .object([
            ("updates", .array([entry("sess_me1", "Ada"), entry("sess_b", "Bob")])), ("removed", .array([])),
        ])))
        await eventually("Bob's cursor") { h.session.presence.map(\.sessionId) == ["sess_b"] }
        XCTAssertEqual(h.session.cursors(in: Self.path).first?.presence.head, 5)
        socket.serverSends(.roomData(type: "presence", payload: .object([("updates", .array([])), ("removed", .array(["sess_b"]))])))
        await eventually("Bob left") { h.session.presence.isEmpty }
    }

    func testChatAndCommandsGoOutAsTheProtocolSays() async throws {
        let h = try makeHarness()
        let socket = try await join(h, role: "facilitator")
        XCTAssertFalse(h.session.sendChat("   "))
        XCTAssertTrue(h.session.sendChat("  bora!  "))
        let chat = await next(socket) { if case .roomData("chat", _) = $0 { return true } else { return false } }
        XCTAssertEqual(chat, .roomData(type: "chat", payload: .object([("text", "bora!")])))
        h.session.command(.setDriver(userId: ServerFrames.other))
        let command = await next(socket) { if case .roomData("command", _) = $0 { return true } else { return false } }
        XCTAssertEqual(command, .roomData(type: "command", payload: .object([("action", "driver.set"), ("userId", .string(ServerFrames.other))])))
        h.session.updatePresence(PresenceUpdate(file: Self.path, anchor: 1, head: 1, typing: false))
        let presence = await next(socket) { if case .roomData("presence", _) = $0 { return true } else { return false } }
        XCTAssertNotNil(presence)
    }

    func testTheWelcomeReplacesTheChatHistory() async throws {
        let h = try makeHarness()
        let socket = try await join(h)
        socket.serverSends(ServerFrames.chat("one"))
        await eventually("one") { h.session.chat.count == 1 }
        socket.serverSends(ServerFrames.welcome(serverTime: 0, chat: [
            .object([("id", "1"), ("userId", "u"), ("name", "Bob"), ("text", "one"), ("at", 1)]),
        ]))
        await eventually("history replaced") { h.session.chat.count == 1 && h.session.chat[0].id == "1" }
    }
}
