import Foundation

/// platform-api's REST client (`/v1`, JSON, problem+json errors).
///
/// Holds the session: every authenticated call carries the access token; a 401
/// triggers one refresh (rotation: the server answers a new pair and the old
/// refresh token dies) and one retry. Concurrent 401s share one refresh, because
/// presenting a rotated refresh token twice would revoke the whole family.
public actor APIClient {
    public let baseURL: URL
    private let tokenStore: any TokenStore
    private let session: URLSession
    private var refreshing: Task<TokenPair, Error>?
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()

    public init(baseURL: URL, tokenStore: any TokenStore, session: URLSession = .shared) {
        self.baseURL = baseURL
        self.tokenStore = tokenStore
        self.session = session
    }

    /// True when tokens are stored (they may still turn out to be expired).
    public func hasSession() async -> Bool {
        await tokenStore.load() != nil
    }

    // MARK: Requests

    struct Request: Sendable {
        var method: String
        var path: String
        var query: [URLQueryItem] = []
        var body: Data?
        var headers: [String: String] = [:]
        var authenticated = true
    }

    func get<Response: Decodable>(_ path: String, query: [URLQueryItem] = [], as type: Response.Type = Response.self) async throws -> Response {
        try await decode(send(Request(method: "GET", path: path, query: query)))
    }

    func send<Body: Encodable, Response: Decodable>(
        _ method: String, _ path: String, body: Body, headers: [String: String] = [:], authenticated: Bool = true,
        as type: Response.Type = Response.self
    ) async throws -> Response {
        let data = try encoder.encode(body)
        return try await decode(send(Request(method: method, path: path, body: data, headers: headers, authenticated: authenticated)))
    }

    /// A call without a request body that answers JSON.
    func call<Response: Decodable>(_ method: String, _ path: String, as type: Response.Type = Response.self) async throws -> Response {
        try await decode(send(Request(method: method, path: path)))
    }

    /// A call whose answer has no body (204).
    func perform(_ method: String, _ path: String, headers: [String: String] = [:]) async throws {
        _ = try await send(Request(method: method, path: path, headers: headers))
    }

    func perform<Body: Encodable>(_ method: String, _ path: String, body: Body, authenticated: Bool = true) async throws {
        _ = try await send(Request(method: method, path: path, body: try encoder.encode(body), authenticated: authenticated))
    }

    private func decode<Response: Decodable>(_ data: Data) throws -> Response {
        do {
            return try decoder.decode(Response.self, from: data)
        } catch {
            throw APIError.unexpected(status: 200, detail: "undecodable \(Response.self): \(error)")
        }
    }

    /// Sends, refreshing the session once on a 401. Returns the body of a 2xx answer.
    func send(_ request: Request) async throws -> Data {
        guard request.authenticated else { return try await exchange(request, accessToken: nil) }
        guard let tokens = await tokenStore.load() else { throw APIError.signedOut }
        do {
            return try await exchange(request, accessToken: tokens.accessToken)
        } catch let APIError.problem(problem) where problem.status == 401 {
            let fresh = try await refreshedTokens(after: tokens)
            return try await exchange(request, accessToken: fresh.accessToken)
        }
    }

    private func exchange(_ request: Request, accessToken: String?) async throws -> Data {
        var components = URLComponents(url: baseURL.appendingPathComponent(request.path), resolvingAgainstBaseURL: false)
        if !request.query.isEmpty { components?.queryItems = request.query }
        guard let url = components?.url else { throw APIError.transport("bad URL for \(request.path)") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body = request.body {
            urlRequest.httpBody = body
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let accessToken { urlRequest.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization") }
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }

        let answer: (Data, URLResponse)
        do {
            answer = try await session.data(for: urlRequest)
        } catch {
            throw APIError.transport(error.localizedDescription)
        }
        let (data, response) = answer
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if (200..<300).contains(status) { return data }
        if let problem = try? decoder.decode(Problem.self, from: data) { throw APIError.problem(problem) }
        throw APIError.unexpected(status: status, detail: String(decoding: data.prefix(200), as: UTF8.self))
    }

    // MARK: Session

    /// One refresh at a time; callers that lost the race reuse its result.
    private func refreshedTokens(after stale: TokenPair) async throws -> TokenPair {
        if let current = await tokenStore.load(), current.accessToken != stale.accessToken {
            return current // someone refreshed meanwhile
        }
        if let refreshing { return try await refreshing.value }
        let task = Task { try await self.rotate(stale.refreshToken) }
        refreshing = task
        defer { refreshing = nil }
        return try await task.value
    }

    private func rotate(_ refreshToken: String) async throws -> TokenPair {
        struct Body: Encodable { var refreshToken: String }
        do {
            let data = try await exchange(
                Request(method: "POST", path: "v1/auth/refresh", body: try encoder.encode(Body(refreshToken: refreshToken)), authenticated: false),
                accessToken: nil
            )
            let answer: RefreshedTokens = try decode(data)
            let tokens = TokenPair(accessToken: answer.accessToken, refreshToken: answer.refreshToken)
            try await tokenStore.save(tokens)
            return tokens
        } catch let APIError.problem(problem) where problem.status == 401 {
            // refresh_token_invalid or _reused: the family is gone; only a new login helps.
            await tokenStore.clear()
            throw APIError.signedOut
        }
    }

    /// Stores the tokens of a fresh sign-up or login.
    func begin(_ session: AuthSession) async throws {
        try await tokenStore.save(session.tokens)
    }

    /// Forgets the session locally (after revoking it on the server when possible).
    func end() async -> TokenPair? {
        let tokens = await tokenStore.load()
        await tokenStore.clear()
        return tokens
    }
}
