import Foundation

/// The answer of `POST {engineUrl}/matchmake/joinOrCreate/dojo` (docs/protocol.md §3).
public struct SeatReservation: Codable, Equatable, Sendable {
    public var name: String
    public var sessionId: String
    public var roomId: String
    public var processId: String
    /// Present when the engine runs several processes: the host:port of the owning one.
    public var publicAddress: String?

    public init(name: String = DojoProtocol.roomName, sessionId: String, roomId: String, processId: String, publicAddress: String? = nil) {
        self.name = name
        self.sessionId = sessionId
        self.roomId = roomId
        self.processId = processId
        self.publicAddress = publicAddress
    }

    /// `ws(s)://{publicAddress or engine host}/{processId}/{roomId}?sessionId=…`, plus the
    /// reconnection token and `skipHandshake=true` when reopening a dropped seat.
    public func socketURL(engineURL: URL, reconnectionToken: String? = nil) -> URL? {
        guard var components = URLComponents(url: engineURL, resolvingAgainstBaseURL: false) else { return nil }
        components.scheme = components.scheme == "https" ? "wss" : "ws"
        if let publicAddress, let address = URLComponents(string: "//\(publicAddress)") {
            components.host = address.host
            components.port = address.port
        }
        let base = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = "\(base)/\(processId)/\(roomId)"
        var query = [URLQueryItem(name: "sessionId", value: sessionId)]
        if let reconnectionToken {
            query.append(URLQueryItem(name: "reconnectionToken", value: reconnectionToken))
            query.append(URLQueryItem(name: "skipHandshake", value: "true"))
        }
        components.queryItems = query
        return components.url
    }
}

/// A refused matchmaking call: `{code: <status>, error: "<code>: <message>"}`.
public struct MatchmakeError: Error, Equatable, Sendable, LocalizedError {
    public var status: Int
    public var code: DojoErrorCode?
    public var message: String

    public init(status: Int, code: DojoErrorCode?, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// Splits the engine's `error` text at its first `:` into the stable code and the message.
    public init(status: Int, body: Data) {
        self.status = status
        struct Body: Decodable { var error: String? }
        let text = (try? JSONDecoder().decode(Body.self, from: body))?.error ?? ""
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains(" ") {
            code = DojoErrorCode(rawValue: String(text[..<colon]))
            message = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else {
            code = nil
            message = text.isEmpty ? "matchmaking failed (\(status))" : text
        }
    }

    /// Ticket problems are cured by a fresh ticket; 52x are Colyseus's transient seat errors.
    public var isRetryable: Bool {
        if let code { return code == .ticketExpired || code == .ticketMissing }
        return status >= 500
    }

    public var errorDescription: String? { message }
}
