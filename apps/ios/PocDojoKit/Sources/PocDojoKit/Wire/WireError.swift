import Foundation

/// Bytes that do not decode as the dojo protocol says they should.
/// `reason` names where decoding broke; the session shows it and drops the frame.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "malformed frame: \(reason)" }
}
