import Foundation

/// The first message after every join and reconnection.
public struct Welcome: Equatable, Sendable {
    public var protocolVersion: Int
    public var sessionId: String
    public var userId: String
    public var role: DojoRole
    /// `#rrggbb`, this session's cursor colour.
    public var color: String
    public var relay: Bool
    /// The latest chat messages, oldest first.
    public var chat: [ChatMessage]
    /// Server clock (epoch ms) when sent: corrects the timer for clock skew.
    public var serverTime: Double

    public init(
        protocolVersion: Int = DojoProtocol.version, sessionId: String, userId: String, role: DojoRole,
        color: String, relay: Bool = false, chat: [ChatMessage] = [], serverTime: Double
    ) {
        self.protocolVersion = protocolVersion
        self.sessionId = sessionId
        self.userId = userId
        self.role = role
        self.color = color
        self.relay = relay
        self.chat = chat
        self.serverTime = serverTime
    }

    init(_ value: MessagePackValue) throws {
        protocolVersion = try value.field("protocolVersion").int()
        sessionId = try value.field("sessionId").string()
        userId = try value.field("userId").string()
        role = try DojoRole(wire: value.field("role"), field: "role")
        color = try value.field("color").string()
        relay = try value.field("relay").bool()
        chat = try value.field("chat").array().map(ChatMessage.init)
        serverTime = try value.field("serverTime").double()
    }
}
