import Foundation

public enum PocStatus: String, Codable, Sendable, CaseIterable {
    case idea
    case active
    case done
    case archived
}

/// A proof of concept. `version` is its ETag: edits send it back as `If-Match`.
public struct Poc: Codable, Equatable, Sendable, Identifiable, Hashable {
    public var id: String
    public var ownerId: String
    public var name: String
    public var description: String
    public var languages: [String]
    public var tags: [String]
    public var repoUrl: String?
    public var status: PocStatus
    /// `YYYY-MM-DD`.
    public var startedAt: String?
    public var finishedAt: String?
    public var createdAt: String
    public var updatedAt: String
    public var version: Int
}

/// The editable fields of a POC, for create (`POST`) and change (`PATCH`, all fields sent).
public struct PocInput: Codable, Equatable, Sendable {
    public var name: String
    public var description: String
    public var languages: [String]
    public var tags: [String]
    public var repoUrl: String?
    public var status: PocStatus
    public var startedAt: String?
    public var finishedAt: String?

    public init(
        name: String = "", description: String = "", languages: [String] = [], tags: [String] = [],
        repoUrl: String? = nil, status: PocStatus = .idea, startedAt: String? = nil, finishedAt: String? = nil
    ) {
        self.name = name
        self.description = description
        self.languages = languages
        self.tags = tags
        self.repoUrl = repoUrl
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    public init(_ poc: Poc) {
        self.init(
            name: poc.name, description: poc.description, languages: poc.languages, tags: poc.tags,
            repoUrl: poc.repoUrl, status: poc.status, startedAt: poc.startedAt, finishedAt: poc.finishedAt
        )
    }

    // Nulls are sent explicitly: clearing a repository link or a date is a change.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(languages, forKey: .languages)
        try container.encode(tags, forKey: .tags)
        try container.encode(repoUrl, forKey: .repoUrl)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
    }
}

/// One page of a cursor-paginated list.
public struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
    public var items: [Item]
    public var nextCursor: String?
}

/// A list without pagination.
struct Items<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
}
