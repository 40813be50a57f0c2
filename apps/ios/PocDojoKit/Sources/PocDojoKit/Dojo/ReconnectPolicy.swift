import Foundation

/// What the session does after its socket closed (docs/protocol.md §9 close codes).
public enum CloseAction: Equatable, Sendable {
    /// Stop for good and show why.
    case stop(DojoSessionEnding)
    /// Reopen the same seat with the reconnection token, if still inside the window; else rejoin.
    case reconnect
    /// Get a fresh ticket and matchmake again.
    case rejoin
}

/// Why a session ended.
public enum DojoSessionEnding: Equatable, Sendable {
    /// Left on purpose (or the server closed normally).
    case left
    /// A facilitator removed this user: never rejoin.
    case removed
    /// The server refused this client (a 4002 close or a refused join): retrying blindly would repeat it.
    case refused(String)
}

/// The reconnection rules, kept apart from the socket so they can be tested alone.
public struct ReconnectPolicy: Sendable {
    /// How long the server keeps a dropped seat; after it only a fresh ticket helps.
    public var window: Duration
    /// First retry delay, doubled per failed attempt up to `maxDelay`.
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(window: Duration = DojoLimits.reconnectionWindow, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(10)) {
        self.window = window
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let standard = ReconnectPolicy()

    public func action(forCloseCode code: Int) -> CloseAction {
        switch code {
        case DojoCloseCode.normal, DojoCloseCode.consented:
            return .stop(.left)
        case DojoCloseCode.removed:
            return .stop(.removed)
        case DojoCloseCode.withError, DojoCloseCode.protocolViolation, DojoCloseCode.tooBig:
            return .stop(.refused("closed by the server (\(code))"))
        case DojoCloseCode.serverShutdown, DojoCloseCode.failedToReconnect:
            return .rejoin
        default:
            // 1001, 1005, 1006, 4010 and anything unexpected: the connection was lost.
            return .reconnect
        }
    }

    /// Whether a seat dropped `elapsed` ago can still be reopened with its token.
    public func withinWindow(_ elapsed: Duration) -> Bool {
        elapsed < window
    }

    /// Delay before retry number `attempt` (0-based).
    public func delay(attempt: Int) -> Duration {
        var delay = baseDelay
        for _ in 0..<min(attempt, 16) {
            delay *= 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
