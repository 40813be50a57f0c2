import Foundation

/// Matchmaking with URLSession (HTTP/1.1 on `http://`, which the engine needs) and the
/// room socket with `URLSessionWebSocketTask` (pings are answered by URLSession itself).
public struct URLSessionDojoTransport: DojoTransport {
    private let session: URLSession

    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func reserveSeat(engineURL: URL, ticket: String, relay: Bool) async throws -> SeatReservation {
        let url = engineURL.appendingPathComponent("matchmake/joinOrCreate/\(DojoProtocol.roomName)")
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder().encode(MatchmakeRequest(ticket: ticket, relay: relay))
        let (body, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw MatchmakeError(status: status, body: body) }
        return try JSONDecoder().decode(SeatReservation.self, from: body)
    }

    public func open(_ url: URL) async throws -> any DojoSocket {
        let task = session.webSocketTask(with: url)
        // A frame larger than the server accepts is never expected; this bounds what we buffer.
        task.maximumMessageSize = DojoLimits.frameBytes * 2
        task.resume()
        return URLSessionDojoSocket(task: task)
    }
}

/// The matchmaking body: `{ticket, protocolVersion, relay}` (docs/protocol.md §3).
struct MatchmakeRequest: Encodable, Equatable {
    var ticket: String
    var protocolVersion = DojoProtocol.version
    var relay: Bool
}

/// `URLSessionWebSocketTask` as a ``DojoSocket``.
final class URLSessionDojoSocket: DojoSocket, @unchecked Sendable {
    // The task is thread-safe; this class only forwards to it.
    private let task: URLSessionWebSocketTask

    init(task: URLSessionWebSocketTask) {
        self.task = task
    }

    func send(_ frame: Data) {
        // URLSession sends in call order; a failed send surfaces as a failed receive.
        task.send(.data(frame)) { _ in }
    }

    func receive() async throws -> Data {
        do {
            let message = try await task.receive()
            switch message {
            case let .data(data):
                return data
            case let .string(text):
                // The room speaks binary only; a text frame is a protocol error we report, not crash on.
                throw WireError("unexpected text frame of \(text.utf8.count) bytes")
            @unknown default:
                throw WireError("unknown WebSocket message")
            }
        } catch let error as WireError {
            throw error
        } catch {
            // Imported NS_ENUM close codes keep unknown raw values (4000+), so rawValue is the real code.
            let code = task.closeCode == .invalid ? DojoCloseCode.abnormal : task.closeCode.rawValue
            let reason = task.closeReason.flatMap { String(data: $0, encoding: .utf8) } ?? error.localizedDescription
            throw DojoSocketClosed(code: code, reason: reason)
        }
    }

    func close(code: Int) {
        let closeCode = URLSessionWebSocketTask.CloseCode(rawValue: code) ?? .normalClosure
        task.cancel(with: closeCode, reason: nil)
    }
}
