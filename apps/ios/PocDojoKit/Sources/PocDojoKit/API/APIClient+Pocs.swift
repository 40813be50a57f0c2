import Foundation

/// Filters of `GET /v1/pocs`.
public struct PocFilter: Equatable, Sendable {
    public var language: String?
    public var tag: String?
    public var owner: String?
    public var status: PocStatus?

    public init(language: String? = nil, tag: String? = nil, owner: String? = nil, status: PocStatus? = nil) {
        self.language = language
        self.tag = tag
        self.owner = owner
        self.status = status
    }
}

public extension APIClient {
    /// POCs newest first, one page at a time.
    func pocs(filter: PocFilter = PocFilter(), cursor: String? = nil, limit: Int = 20) async throws -> Page<Poc> {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        if let language = filter.language { query.append(URLQueryItem(name: "language", value: language)) }
        if let tag = filter.tag { query.append(URLQueryItem(name: "tag", value: tag)) }
        if let owner = filter.owner { query.append(URLQueryItem(name: "owner", value: owner)) }
        if let status = filter.status { query.append(URLQueryItem(name: "status", value: status.rawValue)) }
        return try await get("v1/pocs", query: query)
    }

    func poc(id: String) async throws -> Poc {
        try await get("v1/pocs/\(id)")
    }

    func createPoc(_ input: PocInput) async throws -> Poc {
        try await send("POST", "v1/pocs", body: input)
    }

    /// Changes a POC if nobody changed it since `version` (else `version_conflict`, 412).
    func updatePoc(id: String, version: Int, _ input: PocInput) async throws -> Poc {
        try await send("PATCH", "v1/pocs/\(id)", body: input, headers: ["If-Match": "\"\(version)\""])
    }

    /// Deletes a POC; with `version`, only if unchanged since.
    func deletePoc(id: String, version: Int? = nil) async throws {
        let headers = version.map { ["If-Match": "\"\($0)\""] } ?? [:]
        try await perform("DELETE", "v1/pocs/\(id)", headers: headers)
    }

    /// Typo-tolerant search with language/tag facets and highlights.
    func search(_ query: SearchQuery) async throws -> SearchResult {
        try await get("v1/pocs/search", query: query.queryItems)
    }

    func attachments(pocId: String) async throws -> [Attachment] {
        let list: Items<Attachment> = try await get("v1/pocs/\(pocId)/attachments")
        return list.items
    }

    /// Asks for a presigned upload URL; then ``upload(_:to:)`` sends the bytes.
    func requestUpload(pocId: String, _ request: AttachmentRequest) async throws -> UploadSlot {
        try await send("POST", "v1/pocs/\(pocId)/attachments", body: request)
    }

    /// PUTs a file to its presigned URL with exactly the signed headers (no access token: the URL is the credential).
    nonisolated func upload(_ file: URL, to slot: UploadSlot, session: URLSession = .shared) async throws {
        guard let url = URL(string: slot.uploadUrl) else { throw APIError.transport("bad upload URL") }
        var request = URLRequest(url: url)
        request.httpMethod = slot.method
        for (name, value) in slot.headers { request.setValue(value, forHTTPHeaderField: name) }
        let response: URLResponse
        do {
            response = try await session.upload(for: request, fromFile: file).1
        } catch {
            throw APIError.transport(error.localizedDescription)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw APIError.unexpected(status: status, detail: "upload refused") }
    }
}
