import Foundation

/// `drive.requested`: a participant asked for the keyboard (docs/protocol.md §7.5). The driver and the
/// facilitators may accept it; it lapses when the driver changes or at `expiresAt`.
public struct DriveRequest: Equatable, Sendable, Identifiable {
    public var id: String { userId }
    public var userId: String
    public var name: String
    /// Epoch milliseconds on the server clock.
    public var at: Double
    /// Epoch milliseconds on the server clock; the room forgets the request then.
    public var expiresAt: Double

    init(_ value: MessagePackValue) throws {
        userId = try value.field("userId").asString()
        name = try value.field("name").asString()
        at = try value.field("at").asDouble()
        expiresAt = try value.field("expiresAt").asDouble()
    }
}
