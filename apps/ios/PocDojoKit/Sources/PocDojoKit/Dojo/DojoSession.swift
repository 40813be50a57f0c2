import Foundation
import Observation

/// Where the connection to the room stands, shown to the user as it is.
public enum DojoConnectionStatus: Equatable, Sendable {
    case idle
    /// First matchmaking and join.
    case connecting
    /// Joined: `welcome` received, edits flow.
    case connected
    /// Lost the socket; reopening the seat with the token, or rejoining with a fresh ticket.
    /// Local edits keep going into the replica and merge on return.
    case reconnecting
    case ended(DojoSessionEnding)
}

/// One device's membership of a dojo room (docs/protocol.md): matchmaking, the
/// Colyseus socket, the local Automerge replica and the room's state, presence and chat.
///
/// Document sync uses Automerge's sync protocol only (`relay: false`): one sync
/// state per connection, created fresh on every `welcome` and `reset`; after every
/// received `sync` and every local edit the next sync message goes out. Edits made
/// while disconnected stay in the replica and the first sync after the next
/// `welcome` carries them. A `reset` replaces the replica (the server refused an edit).
///
/// Reconnection: lost sockets reopen the same seat with the reconnection token
/// within the server's 20 s window, and matchmake again with a fresh ticket after it
/// (or when the room is gone). Removal (4100) and refusals (4002) end the session.
@MainActor
@Observable
public final class DojoSession {
    public typealias TicketProvider = @Sendable () async throws -> DojoTicket

    public private(set) var status: DojoConnectionStatus = .idle
    /// The last error or refusal, in words (never fatal by itself).
    public private(set) var notice: String?
    /// The last `error` message from the room.
    public private(set) var lastError: DojoErrorMessage?
    public private(set) var welcome: Welcome?
    public private(set) var room: RoomSnapshot?
    /// Other sessions' presence (never ours).
    public private(set) var presence: [PresenceEntry] = []
    public private(set) var chat: [ChatMessage] = []
    /// Latest announcements, oldest first.
    public private(set) var announcements: [Announcement] = []
    /// The room's test runs, oldest first, each at its latest status (the traffic lights).
    public private(set) var runs: [TestRun] = []
    /// Who is in the dojo's voice channel.
    public private(set) var voice: [VoiceMember] = []
    /// Open requests to drive (§7.5), oldest first; they lapse when the driver changes or expire.
    public private(set) var driveRequests: [DriveRequest] = []
    public private(set) var clock = ServerClock()
    /// File paths of the document, sorted.
    public private(set) var files: [String] = []
    /// Bumped whenever the document changed by anything but this device's own edits:
    /// editors re-read ``text(of:)`` when it moves.
    public private(set) var remoteRevision = 0
    /// False until the room's document arrived.
    public private(set) var hasDocument = false

    public static let maxChat = 200
    public static let maxAnnouncements = 20

    private let transport: any DojoTransport
    private let tickets: TicketProvider
    private let policy: ReconnectPolicy
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void
    private let document = DojoDocument()
    @ObservationIgnored private var socket: (any DojoSocket)?
    @ObservationIgnored private var runner: Task<Void, Never>?
    @ObservationIgnored private var leaving = false
    @ObservationIgnored private var lastPresence: PresenceUpdate?
    // Reconnection bookkeeping (docs/protocol.md §9).
    @ObservationIgnored private var engineURL: URL?
    @ObservationIgnored private var reservation: SeatReservation?
    @ObservationIgnored private var reconnectionToken: String?
    @ObservationIgnored private var droppedAt: Date?
    @ObservationIgnored private var attempt = 0
    @ObservationIgnored private var refusal: String?

    public init(
        transport: any DojoTransport = URLSessionDojoTransport(),
        policy: ReconnectPolicy = .standard,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        tickets: @escaping TicketProvider
    ) {
        self.transport = transport
        self.policy = policy
        self.now = now
        self.sleep = sleep
        self.tickets = tickets
    }

    // MARK: Derived state

    /// This device's entry in the roster.
    public var me: ParticipantState? {
        guard let welcome else { return nil }
        return room?.participants.first { $0.sessionId == welcome.sessionId }
    }

    public var isFacilitator: Bool { welcome?.role == .facilitator }

    /// Whether local edits would be accepted now (edit policy, role and driver seat).
    public var canEdit: Bool {
        guard let welcome, let room, hasDocument else { return false }
        return room.mayEdit(userId: welcome.userId, role: welcome.role)
    }

    /// A navigator under `editPolicy: driver`: the editor is read-only and says why.
    public var isReadOnly: Bool { !canEdit }

    public var isConnected: Bool { status == .connected }

    public func text(of path: String) -> String {
        document.text(path)
    }

    /// Other sessions' cursors in `path`.
    public func cursors(in path: String) -> [PresenceEntry] {
        presence.filter { $0.presence.file == path && $0.presence.head != nil }
    }

    // MARK: Lifecycle

    /// Joins the room and keeps the membership alive until ``leave()``.
    public func start() {
        guard runner == nil else { return }
        leaving = false
        runner = Task { [weak self] in
            await self?.run()
        }
    }

    /// Leaves on purpose: `LEAVE_ROOM`, then the server closes with 4000.
    public func leave() {
        leaving = true
        if let socket {
            socket.send(ColyseusFrame.leaveRoom.encoded())
            socket.close(code: DojoCloseCode.consented)
        }
        runner?.cancel()
        runner = nil
        status = .ended(.left)
    }

    private func run() async {
        while !leaving, !Task.isCancelled {
            do {
                let socket = try await connect()
                let code = await serve(socket)
                if leaving { break }
                switch policy.action(forCloseCode: code) {
                case let .stop(ending):
                    if case .refused = ending, let refusal {
                        status = .ended(.refused(refusal))
                    } else {
                        status = .ended(ending)
                    }
                    return
                case .reconnect:
                    if droppedAt == nil { droppedAt = now() }
                    status = .reconnecting
                case .rejoin:
                    forgetSeat()
                    status = .reconnecting
                }
            } catch let error as MatchmakeError where !error.isRetryable {
                status = .ended(.refused(error.message))
                return
            } catch let error as APIError {
                if case .transport = error {
                    notice = error.localizedDescription
                } else {
                    // The platform refused the ticket (signed out, dojo deleted, not a member): retrying won't help.
                    status = .ended(.refused(error.localizedDescription))
                    return
                }
            } catch is CancellationError {
                break
            } catch {
                notice = error.localizedDescription
                if status == .connected { status = .reconnecting }
            }
            attempt += 1
            do {
                try await sleep(policy.delay(attempt: attempt - 1))
            } catch {
                break
            }
        }
    }

    /// Opens a socket: the same seat with the token inside the window, else a fresh ticket and seat.
    private func connect() async throws -> any DojoSocket {
        if let engineURL, let reservation, let reconnectionToken, let droppedAt,
           policy.withinWindow(.milliseconds(Int64(now().timeIntervalSince(droppedAt) * 1000))),
           let url = reservation.socketURL(engineURL: engineURL, reconnectionToken: reconnectionToken) {
            status = .reconnecting
            return try await transport.open(url)
        }
        forgetSeat()
        status = welcome == nil ? .connecting : .reconnecting
        let ticket = try await tickets()
        guard let engine = ticket.engineURL else { throw WireError("engine URL \"\(ticket.engineUrl)\" is not a URL") }
        let seat = try await transport.reserveSeat(engineURL: engine, ticket: ticket.ticket, relay: false)
        guard let url = seat.socketURL(engineURL: engine) else { throw WireError("no socket URL for the seat") }
        engineURL = engine
        reservation = seat
        return try await transport.open(url)
    }

    private func forgetSeat() {
        reservation = nil
        reconnectionToken = nil
        droppedAt = nil
    }

    /// Reads frames until the socket closes; returns the close code.
    private func serve(_ socket: any DojoSocket) async -> Int {
        self.socket = socket
        refusal = nil
        defer { self.socket = nil }
        while true {
            let data: Data
            do {
                data = try await socket.receive()
            } catch let closed as DojoSocketClosed {
                return closed.code
            } catch let error as WireError {
                notice = error.description
                continue
            } catch {
                return DojoCloseCode.abnormal
            }
            if leaving { return DojoCloseCode.consented }
            handle(data, from: socket)
        }
    }

    // MARK: Incoming

    /// Decodes and applies one frame. Garbage is reported in `notice` and dropped; it never crashes the session.
    func handle(_ data: Data, from socket: any DojoSocket) {
        let frame: ColyseusFrame
        do {
            frame = try ColyseusFrame.decode(data)
        } catch {
            notice = String(describing: error)
            return
        }
        switch frame {
        case let .joinRoom(join):
            reconnectionToken = join.reconnectionToken
            socket.send(ColyseusFrame.joinAck.encoded())
        case let .error(_, message):
            refusal = message
            notice = message
        case .roomData, .roomDataBytes:
            do {
                if let message = try ServerMessage.decode(frame) { apply(message) }
            } catch {
                notice = String(describing: error)
            }
        case .ping, .roomState, .roomStatePatch, .joinAck, .leaveRoom:
            break
        }
    }

    private func apply(_ message: ServerMessage) {
        switch message {
        case let .welcome(welcome):
            self.welcome = welcome
            clock = ServerClock(serverTime: welcome.serverTime, receivedAt: now())
            // The welcome carries the latest chat: it replaces ours (no duplicates after a reconnection).
            chat = welcome.chat
            status = .connected
            notice = nil
            attempt = 0
            droppedAt = nil
            document.resetSyncState()
            sendSync()
            if let lastPresence { send(.presence(lastPresence)) }
        case let .state(snapshot):
            // Any change of driver ends every open request (§7.5).
            if snapshot.driverUserId != room?.driverUserId { driveRequests = [] }
            room = snapshot
        case let .presence(batch):
            merge(batch)
        case let .chat(line):
            chat.append(line)
            if chat.count > Self.maxChat { chat.removeFirst(chat.count - Self.maxChat) }
        case let .announce(announcement):
            announcements.append(announcement)
            if announcements.count > Self.maxAnnouncements {
                announcements.removeFirst(announcements.count - Self.maxAnnouncements)
            }
        case let .error(error):
            lastError = error
            notice = error.message
        case let .run(run):
            runs.removeAll { $0.runId == run.runId }
            runs.append(run)
            runs.sort { $0.requestedAt < $1.requestedAt }
        case let .runs(list):
            runs = list
        case let .voice(event):
            if case let .roster(members) = event { voice = members }
        case let .driveRequested(request):
            driveRequests.removeAll { $0.userId == request.userId }
            driveRequests.append(request)
        case let .sync(bytes):
            do {
                if try document.receiveSyncMessage(bytes) { documentChanged() }
            } catch {
                notice = "Sync failed: \(error)"
            }
            sendSync()
        case let .changes(changes):
            do {
                if try document.applyChanges(changes) { documentChanged() }
            } catch {
                notice = "Changes failed: \(error)"
            }
        case let .reset(bytes):
            do {
                try document.replace(withSaved: bytes)
                documentChanged()
                sendSync()
            } catch {
                notice = "Reset failed: \(error)"
            }
        }
    }

    private func merge(_ batch: PresenceBatch) {
        let own = welcome?.sessionId
        var bySession = Dictionary(uniqueKeysWithValues: presence.map { ($0.sessionId, $0) })
        for entry in batch.updates where entry.sessionId != own { bySession[entry.sessionId] = entry }
        for gone in batch.removed { bySession[gone] = nil }
        presence = bySession.values.sorted { $0.name == $1.name ? $0.sessionId < $1.sessionId : $0.name < $1.name }
    }

    private func documentChanged() {
        files = document.paths
        hasDocument = document.hasFiles
        remoteRevision += 1
    }

    // MARK: Outgoing

    private func send(_ message: ClientMessage) {
        socket?.send(message.frame.encoded())
    }

    private func sendSync() {
        guard status == .connected, socket != nil, let message = document.generateSyncMessage() else { return }
        send(.sync(message))
    }

    /// Replaces `length` UTF-16 units at `offset` of `path`. Refused (false) when this
    /// device may not edit now; offline edits are kept and merge on reconnection.
    @discardableResult
    public func edit(path: String, offset: Int, length: Int, replacement: String) -> Bool {
        guard canEdit else { return false }
        do {
            guard try document.splice(path: path, offset: offset, length: length, replacement: replacement) else { return false }
        } catch {
            notice = "Edit failed: \(error)"
            return false
        }
        sendSync()
        return true
    }

    /// Adds a file to the document (as Automerge text).
    @discardableResult
    public func createFile(path: String) -> Bool {
        guard canEdit else { return false }
        do {
            guard try document.createFile(path: path) else { return false }
        } catch {
            notice = "Could not create \(path): \(error)"
            return false
        }
        files = document.paths
        sendSync()
        return true
    }

    /// Where this device's cursor is; sent when it changes.
    public func updatePresence(_ update: PresenceUpdate) {
        guard update != lastPresence else { return }
        lastPresence = update
        if isConnected { send(.presence(update)) }
    }

    /// Sends a chat line; false when it is empty, too long, or the room is not connected.
    @discardableResult
    public func sendChat(_ raw: String) -> Bool {
        guard isConnected, let text = ChatMessage.validText(raw) else { return false }
        send(.chat(text))
        return true
    }

    /// A facilitation command; the room answers `facilitator_only` to anyone else.
    public func command(_ command: DojoCommand) {
        guard isConnected else {
            notice = "Not connected: try again when the connection is back."
            return
        }
        send(.command(command))
    }

    /// Runs the kata's tests on the document as the server has it now; the light arrives in ``runs``.
    public func runTests() {
        guard isConnected else {
            notice = "Not connected: try again when the connection is back."
            return
        }
        send(.run)
    }

    /// Requests that have not expired on the server's clock, for the driver and facilitators to answer.
    public var openDriveRequests: [DriveRequest] {
        let serverNow = clock.serverNowMs(at: now())
        return driveRequests.filter { $0.expiresAt > serverNow }
    }

    /// Whether this device may answer requests to drive: the driver or a facilitator.
    public var mayAcceptDriveRequests: Bool {
        guard let me = welcome?.userId else { return false }
        return isFacilitator || room?.driverUserId == me
    }

    /// Asks for the keyboard; everyone sees the request, the driver or a facilitator may accept it.
    public func requestDrive() {
        guard isConnected else {
            notice = "Not connected: try again when the connection is back."
            return
        }
        send(.driveRequest)
    }

    /// Hands the keyboard to someone who asked; the new driver arrives in the room's state.
    public func acceptDrive(userId: String) {
        guard isConnected else {
            notice = "Not connected: try again when the connection is back."
            return
        }
        driveRequests.removeAll { $0.userId == userId }
        send(.driveAccept(userId: userId))
    }

    /// Dismisses the notice banner.
    public func clearNotice() {
        notice = nil
    }
}
