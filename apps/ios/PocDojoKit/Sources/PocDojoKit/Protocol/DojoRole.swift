import Foundation

/// Decodes a closed set of strings, naming the field when a value is unknown.
protocol WireEnum: RawRepresentable, Sendable where RawValue == String {}

extension WireEnum {
    init(wire value: MessagePackValue, field: String) throws {
        let raw = try value.asString()
        guard let known = Self(rawValue: raw) else { throw WireError("unknown \(field) \"\(raw)\"") }
        self = known
    }
}

/// A member's role in the dojo, from the ticket.
public enum DojoRole: String, WireEnum, CaseIterable {
    case facilitator
    case participant
}

/// Where a participant sits: the driver types; navigators and observers follow.
public enum Seat: String, WireEnum, CaseIterable {
    case driver
    case navigator
    case observer
}

/// Whether a participant's socket is up or in its reconnection window.
public enum ParticipantConnection: String, WireEnum, CaseIterable {
    case connected
    case reconnecting
}

public enum TimerStatus: String, WireEnum, CaseIterable {
    case idle
    case running
    case paused
    case ended
}

/// Who may edit the document (docs/protocol.md §10).
public enum EditPolicy: String, WireEnum, Codable, CaseIterable {
    case driver
    case everyone
}
