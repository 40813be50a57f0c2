import Foundation

/// The kata timer. Times are epoch ms on the server clock; display a running timer
/// as `endsAt − (now + skew)` (see ``ServerClock``).
public struct TimerState: Equatable, Sendable {
    public var status: TimerStatus
    public var durationMs: Double
    /// Remaining when not running; at the last transition when running.
    public var remainingMs: Double
    /// When a running timer reaches zero; 0 otherwise.
    public var endsAt: Double
    /// The next automatic rotation while running; 0 otherwise.
    public var nextRotationAt: Double

    public init(status: TimerStatus, durationMs: Double, remainingMs: Double, endsAt: Double = 0, nextRotationAt: Double = 0) {
        self.status = status
        self.durationMs = durationMs
        self.remainingMs = remainingMs
        self.endsAt = endsAt
        self.nextRotationAt = nextRotationAt
    }

    init(_ value: MessagePackValue) throws {
        status = try TimerStatus(wire: value.field("status"), field: "timer status")
        durationMs = try value.field("durationMs").asDouble()
        remainingMs = try value.field("remainingMs").asDouble()
        endsAt = try value.field("endsAt").asDouble()
        nextRotationAt = try value.field("nextRotationAt").asDouble()
    }
}

/// One connected (or reconnecting) session in the roster. A user with two devices has two.
public struct ParticipantState: Equatable, Sendable, Identifiable {
    public var sessionId: String
    public var userId: String
    public var name: String
    public var role: DojoRole
    public var seat: Seat
    public var connection: ParticipantConnection
    public var color: String

    public var id: String { sessionId }

    public init(
        sessionId: String, userId: String, name: String, role: DojoRole, seat: Seat,
        connection: ParticipantConnection = .connected, color: String
    ) {
        self.sessionId = sessionId
        self.userId = userId
        self.name = name
        self.role = role
        self.seat = seat
        self.connection = connection
        self.color = color
    }

    init(_ value: MessagePackValue) throws {
        sessionId = try value.field("sessionId").asString()
        userId = try value.field("userId").asString()
        name = try value.field("name").asString()
        role = try DojoRole(wire: value.field("role"), field: "role")
        seat = try Seat(wire: value.field("seat"), field: "seat")
        connection = try ParticipantConnection(wire: value.field("connection"), field: "connection")
        color = try value.field("color").asString()
    }
}

/// `state`: the whole room state as plain data (docs/protocol.md §8).
public struct RoomSnapshot: Equatable, Sendable {
    public var dojoId: String
    public var title: String
    public var language: String
    /// `""` when the dojo has no kata.
    public var kataId: String
    public var editPolicy: EditPolicy
    public var durationMinutes: Double
    public var rotationMinutes: Double
    /// `""` when nobody drives.
    public var driverUserId: String
    public var timer: TimerState
    public var participants: [ParticipantState]

    public init(
        dojoId: String, title: String, language: String, kataId: String = "", editPolicy: EditPolicy,
        durationMinutes: Double, rotationMinutes: Double, driverUserId: String = "", timer: TimerState,
        participants: [ParticipantState]
    ) {
        self.dojoId = dojoId
        self.title = title
        self.language = language
        self.kataId = kataId
        self.editPolicy = editPolicy
        self.durationMinutes = durationMinutes
        self.rotationMinutes = rotationMinutes
        self.driverUserId = driverUserId
        self.timer = timer
        self.participants = participants
    }

    init(_ value: MessagePackValue) throws {
        dojoId = try value.field("dojoId").asString()
        title = try value.field("title").asString()
        language = try value.field("language").asString()
        kataId = try value.field("kataId").asString()
        editPolicy = try EditPolicy(wire: value.field("editPolicy"), field: "editPolicy")
        durationMinutes = try value.field("durationMinutes").asDouble()
        rotationMinutes = try value.field("rotationMinutes").asDouble()
        driverUserId = try value.field("driverUserId").asString()
        timer = try TimerState(value.field("timer"))
        participants = try value.field("participants").asArray().map(ParticipantState.init)
    }

    /// Whether `userId` in `role` may change the document now (docs/protocol.md §10).
    public func mayEdit(userId: String, role: DojoRole) -> Bool {
        editPolicy == .everyone || role == .facilitator || driverUserId == userId
    }

    /// Name of the current driver, when they are in the room.
    public var driverName: String? {
        participants.first { $0.userId == driverUserId }?.name
    }
}
