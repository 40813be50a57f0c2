import Foundation

/// One member of the dojo's voice channel (docs/protocol.md §7.4). This client shows the voice
/// roster; talking (WebRTC) is in the web app for now.
public struct VoiceMember: Equatable, Sendable, Identifiable {
    public var id: String { sessionId }
    public var sessionId: String
    public var userId: String
    public var name: String
    public var muted: Bool
    public var speaking: Bool

    init(_ value: MessagePackValue) throws {
        sessionId = try value.field("sessionId").asString()
        userId = try value.field("userId").asString()
        name = try value.field("name").asString()
        muted = try value.field("muted").asBool()
        speaking = try value.field("speaking").asBool()
    }
}

/// A `voice` message: the roster (to everyone), or `joined` / `signal`, which only a member in voice receives.
public enum VoiceEvent: Equatable, Sendable {
    case roster([VoiceMember])
    case joined(members: [VoiceMember])
    case signal(from: String)

    init(_ value: MessagePackValue) throws {
        switch try value.field("action").asString() {
        case "roster": self = .roster(try value.field("members").asArray().map(VoiceMember.init))
        case "joined": self = .joined(members: try value.field("members").asArray().map(VoiceMember.init))
        case "signal": self = .signal(from: try value.field("from").asString())
        case let action: throw WireError("unknown voice action \"\(action)\"")
        }
    }
}
