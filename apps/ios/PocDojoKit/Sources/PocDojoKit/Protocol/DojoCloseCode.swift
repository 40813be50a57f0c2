import Foundation

/// WebSocket close codes of the dojo room (docs/protocol.md §9). 4000–4010 are Colyseus's, 4100+ ours.
public enum DojoCloseCode {
    public static let normal = 1000
    public static let goingAway = 1001
    public static let noStatus = 1005
    public static let abnormal = 1006
    public static let tooBig = 1009
    /// The client left on purpose.
    public static let consented = 4000
    /// The process is shutting down: matchmake again.
    public static let serverShutdown = 4001
    /// Undecodable frame, flooding, or a refused join (an ERROR frame precedes it).
    public static let withError = 4002
    /// Reconnection failed: matchmake again.
    public static let failedToReconnect = 4003
    public static let mayTryReconnect = 4010
    /// A facilitator removed this participant: do not rejoin.
    public static let removed = 4100
    public static let protocolViolation = 4101
}
