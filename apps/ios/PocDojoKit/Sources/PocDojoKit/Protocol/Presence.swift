import Foundation

/// `presence` from a client: where its cursor is. `file == nil` hides it.
/// Offsets are UTF-16 code units in the file's text; `anchor == head` is a bare cursor.
public struct PresenceUpdate: Equatable, Sendable {
    public var file: String?
    public var anchor: Int?
    public var head: Int?
    public var typing: Bool

    public init(file: String?, anchor: Int?, head: Int?, typing: Bool) {
        self.file = file
        self.anchor = anchor
        self.head = head
        self.typing = typing
    }

    public static let hidden = PresenceUpdate(file: nil, anchor: nil, head: nil, typing: false)

    /// Exactly the four keys the server accepts (it refuses any other).
    var messagePack: MessagePackValue {
        .object([
            ("file", .optional(file)),
            ("anchor", .optional(anchor)),
            ("head", .optional(head)),
            ("typing", .bool(typing)),
        ])
    }

    init(_ value: MessagePackValue) throws {
        file = try value.field("file").optionalString()
        anchor = try value.field("anchor").optionalInt()
        head = try value.field("head").optionalInt()
        typing = try value.field("typing").asBool()
    }
}

/// Another session's presence, with who it is.
public struct PresenceEntry: Equatable, Sendable, Identifiable {
    public var sessionId: String
    public var userId: String
    public var name: String
    public var color: String
    public var presence: PresenceUpdate

    public var id: String { sessionId }

    public init(sessionId: String, userId: String, name: String, color: String, presence: PresenceUpdate) {
        self.sessionId = sessionId
        self.userId = userId
        self.name = name
        self.color = color
        self.presence = presence
    }

    init(_ value: MessagePackValue) throws {
        sessionId = try value.field("sessionId").asString()
        userId = try value.field("userId").asString()
        name = try value.field("name").asString()
        color = try value.field("color").asString()
        presence = try PresenceUpdate(value)
    }
}

/// `presence` from the server: changed entries and sessions that left.
public struct PresenceBatch: Equatable, Sendable {
    public var updates: [PresenceEntry]
    public var removed: [String]

    public init(updates: [PresenceEntry], removed: [String]) {
        self.updates = updates
        self.removed = removed
    }

    init(_ value: MessagePackValue) throws {
        updates = try value.field("updates").asArray().map(PresenceEntry.init)
        removed = try value.field("removed").asArray().map { try $0.asString() }
    }
}
