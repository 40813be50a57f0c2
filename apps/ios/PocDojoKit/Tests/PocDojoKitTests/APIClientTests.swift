import XCTest
@testable import PocDojoKit

/// Answers URLSession requests from a handler, and records them.
final class StubURLProtocol: URLProtocol {
    struct Answer {
        var status: Int
        var body: String
        var contentType = "application/json"
    }

    struct Seen {
        var method: String
        var path: String
        var query: String?
        var headers: [String: String]
        var body: String
    }

    static let handler = Locked<((Seen) -> Answer)?>(nil)
    static let seen = Locked<[Seen]>([])

    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        guard let url = request.url else { return }
        var body = request.httpBody ?? Data()
        if body.isEmpty, let stream = request.httpBodyStream {
            stream.open()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while stream.hasBytesAvailable {
                let read = stream.read(&buffer, maxLength: buffer.count)
                if read <= 0 { break }
                body.append(buffer, count: read)
            }
            stream.close()
        }
        let seen = Seen(
            method: request.httpMethod ?? "GET", path: url.path, query: url.query,
            headers: request.allHTTPHeaderFields ?? [:], body: String(decoding: body, as: UTF8.self)
        )
        Self.seen.update { $0.append(seen) }
        let answer = Self.handler.get()?(seen) ?? Answer(status: 500, body: "{}")
        let response = HTTPURLResponse(
            url: url, statusCode: answer.status, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": answer.contentType]
        )!
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client?.urlProtocol(self, didLoad: Data(answer.body.utf8))
        client?.urlProtocolDidFinishLoading(self)
    }

    override func stopLoading() {}
}

final class APIClientTests: XCTestCase {
    static let me = #"{"id":"0a0a0a0a-0000-4000-8000-00000000000a","name":"Ada","email":"ada@acme.test","role":"owner","locale":"pt-BR","emailVerified":true,"pendingEmail":null,"createdAt":"2026-12-01T10:00:00.000Z","tenantId":"7e7e7e7e-0000-4000-8000-00000000007e"}"#

    static func problem(_ status: Int, _ code: String, errors: String = "") -> StubURLProtocol.Answer {
        let fieldErrors = errors.isEmpty ? "" : #","errors":\#(errors)"#
        return StubURLProtocol.Answer(
            status: status,
            body: #"{"type":"about:blank","title":"Error","status":\#(status),"code":"\#(code)","instance":"/v1/x","detail":"\#(code) happened"\#(fieldErrors)}"#,
            contentType: "application/problem+json"
        )
    }

    static func tokens(_ access: String, _ refresh: String) -> StubURLProtocol.Answer {
        StubURLProtocol.Answer(status: 200, body: #"{"accessToken":"\#(access)","refreshToken":"\#(refresh)","tokenType":"Bearer","expiresIn":900}"#)
    }

    func makeClient(tokens: TokenPair? = TokenPair(accessToken: "a1", refreshToken: "r1")) -> (APIClient, InMemoryTokenStore) {
        StubURLProtocol.seen.set([])
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [StubURLProtocol.self]
        let store = InMemoryTokenStore(tokens)
        let client = APIClient(baseURL: URL(string: "http://127.0.0.1:3000")!, tokenStore: store, session: URLSession(configuration: configuration))
        return (client, store)
    }

    override func tearDown() {
        StubURLProtocol.handler.set(nil)
        super.tearDown()
    }

    func testAnExpiredAccessTokenIsRefreshedOnceAndTheCallRetried() async throws {
        let (client, store) = makeClient()
        StubURLProtocol.handler.set { seen in
            switch (seen.method, seen.path, seen.headers["Authorization"]) {
            case ("GET", "/v1/me", "Bearer a1"): return Self.problem(401, "token_expired")
            case ("POST", "/v1/auth/refresh", _): return seen.body.contains("\"r1\"") ? Self.tokens("a2", "r2") : Self.problem(401, "refresh_token_reused")
            case ("GET", "/v1/me", "Bearer a2"): return StubURLProtocol.Answer(status: 200, body: Self.me)
            default: return Self.problem(404, "not_found")
            }
        }
        let me = try await client.me()
        XCTAssertEqual(me.name, "Ada")
        XCTAssertTrue(me.isAdmin)
        let stored = await store.load()
        XCTAssertEqual(stored, TokenPair(accessToken: "a2", refreshToken: "r2"))
        XCTAssertEqual(StubURLProtocol.seen.get().filter { $0.path == "/v1/auth/refresh" }.count, 1)
    }

    func testConcurrentExpiredCallsShareOneRefresh() async throws {
        let (client, _) = makeClient()
        StubURLProtocol.handler.set { seen in
            switch (seen.path, seen.headers["Authorization"]) {
            case ("/v1/me", "Bearer a1"): return Self.problem(401, "token_expired")
            case ("/v1/auth/refresh", _): return seen.body.contains("\"r1\"") ? Self.tokens("a2", "r2") : Self.problem(401, "refresh_token_reused")
            case ("/v1/me", "Bearer a2"): return StubURLProtocol.Answer(status: 200, body: Self.me)
            default: return Self.problem(404, "not_found")
            }
        }
        async let first = client.me()
        async let second = client.me()
        let names = try await [first.name, second.name]
        XCTAssertEqual(names, ["Ada", "Ada"])
        XCTAssertEqual(StubURLProtocol.seen.get().filter { $0.path == "/v1/auth/refresh" }.count, 1, "a rotated refresh token is never presented twice")
    }

    func testARefusedRefreshSignsOut() async throws {
        let (client, store) = makeClient()
        StubURLProtocol.handler.set { seen in
            seen.path == "/v1/auth/refresh" ? Self.problem(401, "refresh_token_reused") : Self.problem(401, "token_expired")
        }
        do {
            _ = try await client.me()
            XCTFail("expected signedOut")
        } catch let error as APIError {
            XCTAssertEqual(error, .signedOut)
        }
        let stored = await store.load()
        XCTAssertNil(stored)
    }

    func testProblemsBecomeTypedErrorsWithFieldMessages() async throws {
        let (client, _) = makeClient()
        StubURLProtocol.handler.set { _ in
            Self.problem(400, "validation_failed", errors: #"[{"field":"name","message":"Required"}]"#)
        }
        do {
            _ = try await client.createPoc(PocInput(name: "", languages: ["Go"]))
            XCTFail("expected a problem")
        } catch let error as APIError {
            XCTAssertEqual(error.code, .validationFailed)
            XCTAssertEqual(error.problem?.message(for: "name"), "Required")
            XCTAssertEqual(error.problem?.status, 400)
        }
        let sent = try XCTUnwrap(StubURLProtocol.seen.get().last)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertTrue(sent.body.contains(#""repoUrl":null"#), "nulls are sent explicitly: \(sent.body)")
    }

    func testAnEditSendsIfMatchAndAConflictIsTyped() async throws {
        let (client, _) = makeClient()
        StubURLProtocol.handler.set { _ in Self.problem(412, "version_conflict") }
        do {
            _ = try await client.updatePoc(id: "p1", version: 3, PocInput(name: "K8s operator", languages: ["Go"]))
            XCTFail("expected a conflict")
        } catch let error as APIError {
            XCTAssertEqual(error.code, .versionConflict)
        }
        let sent = try XCTUnwrap(StubURLProtocol.seen.get().last)
        XCTAssertEqual(sent.method, "PATCH")
        XCTAssertEqual(sent.path, "/v1/pocs/p1")
        XCTAssertEqual(sent.headers["If-Match"], "\"3\"")
    }

    func testSearchSendsTheQueryAndFacetFilters() async throws {
        let (client, _) = makeClient()
        StubURLProtocol.handler.set { _ in
            StubURLProtocol.Answer(status: 200, body: #"{"hits":[{"id":"p1","name":"Kubernetes operator","languages":["go"],"tags":["k8s"],"ownerId":"u1","highlight":{"name":"<mark>Kubernetes</mark> operator"}}],"facets":{"languages":{"go":1},"tags":{"k8s":1}},"total":1,"tookMs":0.4}"#)
        }
        let result = try await client.search(SearchQuery(text: "kubernets", languages: ["go"], tags: ["k8s"]))
        XCTAssertEqual(result.total, 1)
        XCTAssertEqual(result.facets.languages["go"], 1)
        XCTAssertEqual(HighlightMarkup.plain(result.hits[0].highlight.name ?? ""), "Kubernetes operator")
        let query = try XCTUnwrap(StubURLProtocol.seen.get().last?.query)
        XCTAssertTrue(query.contains("q=kubernets"))
        XCTAssertTrue(query.contains("languages=go"))
        XCTAssertTrue(query.contains("tags=k8s"))
    }

    func testWithoutASessionNothingIsSent() async throws {
        let (client, _) = makeClient(tokens: nil)
        do {
            _ = try await client.dojos()
            XCTFail("expected signedOut")
        } catch let error as APIError {
            XCTAssertEqual(error, .signedOut)
        }
        XCTAssertTrue(StubURLProtocol.seen.get().isEmpty)
    }

    func testSignUpStoresTheSession() async throws {
        let (client, store) = makeClient(tokens: nil)
        StubURLProtocol.handler.set { _ in
            StubURLProtocol.Answer(status: 201, body: #"{"accessToken":"a9","refreshToken":"r9","tokenType":"Bearer","expiresIn":900,"tenant":{"id":"t","name":"Acme Labs","slug":"acme-labs"},"user":{"id":"u","name":"Ada","email":"ada@acme.test","role":"owner","locale":"pt-BR","emailVerified":true,"pendingEmail":null,"createdAt":"2026-12-01T10:00:00.000Z"}}"#)
        }
        let session = try await client.signUp(SignupRequest(tenantName: "Acme Labs", name: "Ada", email: "ada@acme.test", password: "correct-Horse-9"))
        XCTAssertEqual(session.tenant.slug, "acme-labs")
        let stored = await store.load()
        XCTAssertEqual(stored, TokenPair(accessToken: "a9", refreshToken: "r9"))
        XCTAssertNil(StubURLProtocol.seen.get().last?.headers["Authorization"], "sign-up carries no token")
    }
}
