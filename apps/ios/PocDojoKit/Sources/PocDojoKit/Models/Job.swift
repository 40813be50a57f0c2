import Foundation

public enum JobKind: String, Codable, Sendable {
    case report
    case video
}

public enum JobStatus: String, Codable, Sendable {
    case queued
    case running
    case succeeded
    case failed

    public var isFinished: Bool { self == .succeeded || self == .failed }
}

/// A report or video job: progress while it runs, a short-lived download URL when done.
public struct Job: Codable, Equatable, Sendable, Identifiable {
    public struct Output: Codable, Equatable, Sendable {
        public var url: String
        public var bytes: Double
        public var contentType: String
    }

    public var id: String
    public var kind: JobKind
    public var status: JobStatus
    /// 0…100.
    public var progress: Int
    public var stage: String?
    public var params: [String: JSONValue]
    public var error: String?
    public var result: Output?
    public var createdAt: String
    public var updatedAt: String
}

public enum ReportFormat: String, Codable, Sendable, CaseIterable {
    case pdf
    case csv
    case json
}

/// Whose work a report covers.
public enum ReportScope: Hashable, Sendable {
    case tenant
    case me
    case member(userId: String)
}

public struct ReportRequest: Encodable, Equatable, Sendable {
    public var scope: ReportScope
    /// `YYYY-MM-DD`.
    public var from: String
    public var to: String
    public var format: ReportFormat

    public init(scope: ReportScope, from: String, to: String, format: ReportFormat) {
        self.scope = scope
        self.from = from
        self.to = to
        self.format = format
    }

    private enum CodingKeys: String, CodingKey {
        case scope, from, to, format
    }

    private struct MemberScope: Encodable {
        var userId: String
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch scope {
        case .tenant: try container.encode("tenant", forKey: .scope)
        case .me: try container.encode("me", forKey: .scope)
        case let .member(userId): try container.encode(MemberScope(userId: userId), forKey: .scope)
        }
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(format, forKey: .format)
    }
}

public struct VideoRequest: Encodable, Equatable, Sendable {
    public var year: Int
    /// Someone else's video (admins only); nil for your own.
    public var userId: String?

    public init(year: Int, userId: String? = nil) {
        self.year = year
        self.userId = userId
    }
}

struct JobCreated: Decodable, Sendable {
    var jobId: String
}
