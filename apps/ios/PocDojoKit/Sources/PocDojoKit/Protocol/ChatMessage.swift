import Foundation

/// A chat line as the server broadcasts it (sender included).
public struct ChatMessage: Equatable, Sendable, Identifiable {
    public var id: String
    public var userId: String
    public var name: String
    public var text: String
    /// Epoch milliseconds on the server clock (float64 on the wire).
    public var at: Double

    public init(id: String, userId: String, name: String, text: String, at: Double) {
        self.id = id
        self.userId = userId
        self.name = name
        self.text = text
        self.at = at
    }

    init(_ value: MessagePackValue) throws {
        id = try value.field("id").asString()
        userId = try value.field("userId").asString()
        name = try value.field("name").asString()
        text = try value.field("text").asString()
        at = try value.field("at").asDouble()
    }

    /// Trims and checks a chat text the way the server will (1…2000 UTF-16 units); nil when it would be refused.
    public static func validText(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.utf16.count <= DojoLimits.chatChars else { return nil }
        return text
    }
}
