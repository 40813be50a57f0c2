import Foundation

/// The languages dojos and katas support.
public enum KataLanguage: String, Codable, Sendable, CaseIterable, Identifiable {
    case typescript
    case python
    case java
    case go

    public var id: String { rawValue }
}

public enum KataDifficulty: String, Codable, Sendable, CaseIterable {
    case easy
    case medium
    case hard
}

public struct KataSummary: Codable, Equatable, Sendable, Identifiable, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    public var difficulty: KataDifficulty
    public var tags: [String]
    public var languages: [KataLanguage]
    public var builtin: Bool
}

/// `GET /v1/katas/:id`: the handout (Markdown) and starter files per language.
public struct Kata: Codable, Equatable, Sendable, Identifiable {
    public struct Starters: Codable, Equatable, Sendable {
        public var files: [String: String]
    }

    public var id: String
    public var title: String
    public var summary: String
    public var description: String
    public var difficulty: KataDifficulty
    public var tags: [String]
    public var starters: [String: Starters]
    public var builtin: Bool
}
