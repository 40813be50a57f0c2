import Foundation

/// Constants of the dojo wire protocol, version 1 (docs/protocol.md; source of truth
/// `common/src/dojo-protocol/messages.ts`).
public enum DojoProtocol {
    /// Changes on any incompatible change to a message or state field.
    public static let version = 1
    /// The Colyseus room every client joins.
    public static let roomName = "dojo"
}

/// Limits the server enforces; the client stays below them.
public enum DojoLimits {
    public static let syncBytes = 1_048_576
    public static let changesBytes = 262_144
    public static let changesPerMessage = 512
    public static let documentBytes = 8_388_608
    /// Chat text length in UTF-16 code units after trimming.
    public static let chatChars = 2000
    public static let chatBurst = 5
    public static let chatWindow: Duration = .seconds(10)
    public static let pathChars = 200
    /// The largest frame the server accepts (1 MiB + 64 KiB); larger ones close the socket with 1009.
    public static let frameBytes = 1_048_576 + 65_536
    /// How long the server keeps a dropped seat (docs/protocol.md §9).
    public static let reconnectionWindow: Duration = .seconds(20)
}
