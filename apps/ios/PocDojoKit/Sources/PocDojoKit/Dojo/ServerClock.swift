import Foundation

/// The difference between the server's clock and ours, from `welcome.serverTime`,
/// so a running timer shows the same remaining time on every device.
public struct ServerClock: Equatable, Sendable {
    /// serverTime − local time at the welcome, in milliseconds.
    public var offsetMs: Double

    public init(offsetMs: Double = 0) {
        self.offsetMs = offsetMs
    }

    /// The offset measured when a welcome stamped `serverTime` arrived at local time `receivedAt`.
    public init(serverTime: Double, receivedAt: Date) {
        offsetMs = serverTime - receivedAt.timeIntervalSince1970 * 1000
    }

    /// The server's idea of `date`, in epoch milliseconds.
    public func serverNowMs(at date: Date) -> Double {
        date.timeIntervalSince1970 * 1000 + offsetMs
    }

    /// Milliseconds left on the kata timer at local time `date` (never negative).
    public func remainingMs(_ timer: TimerState, at date: Date) -> Double {
        let remaining = timer.status == .running ? timer.endsAt - serverNowMs(at: date) : timer.remainingMs
        return max(0, remaining)
    }

    /// Milliseconds until the next automatic rotation, when the timer runs and one is scheduled.
    public func msUntilRotation(_ timer: TimerState, at date: Date) -> Double? {
        guard timer.status == .running, timer.nextRotationAt > 0 else { return nil }
        return max(0, timer.nextRotationAt - serverNowMs(at: date))
    }

    /// `m:ss` for a duration in milliseconds, rounded up to the second.
    public static func format(ms: Double) -> String {
        let total = Int((max(0, ms) / 1000).rounded(.up))
        let seconds = total % 60
        return "\(total / 60):\(seconds < 10 ? "0" : "")\(seconds)"
    }
}
