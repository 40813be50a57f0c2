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
        protocolVersion = try value.field("protocolVersion").asInt()
        sessionId = try value.field("sessionId").asString()
        userId = try value.field("userId").asString()
        role = try DojoRole(wire: value.field("role"), field: "role")
        color = try value.field("color").asString()
        relay = try value.field("relay").asBool()
        chat = try value.field("chat").asArray().map(ChatMessage.init)
        serverTime = try value.field("serverTime").asDouble()
    }
}
