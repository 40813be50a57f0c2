import Foundation

/// One WebSocket to a dojo room. Sends are queued in call order; `receive` hands over
/// binary frames one by one and throws ``DojoSocketClosed`` when the socket is gone.
public protocol DojoSocket: AnyObject, Sendable {
    func send(_ frame: Data)
    func receive() async throws -> Data
    func close(code: Int)
}

/// The socket closed (by either side or the network) with this close code.
public struct DojoSocketClosed: Error, Equatable, Sendable {
    public var code: Int
    public var reason: String

    public init(code: Int, reason: String = "") {
        self.code = code
        self.reason = reason
    }
}

/// How a session reaches the engine: matchmaking over HTTP, then a WebSocket.
/// Production uses ``URLSessionDojoTransport``; tests script a fake engine.
public protocol DojoTransport: Sendable {
    func reserveSeat(engineURL: URL, ticket: String, relay: Bool) async throws -> SeatReservation
    func open(_ url: URL) async throws -> any DojoSocket
}
