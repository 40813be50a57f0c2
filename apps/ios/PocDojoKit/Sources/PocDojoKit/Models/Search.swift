import Foundation

/// `GET /v1/pocs/search` parameters: typo-tolerant text plus facet filters.
public struct SearchQuery: Equatable, Sendable {
    public var text: String
    public var languages: Set<String>
    public var tags: Set<String>
    public var limit: Int
    public var offset: Int

    public init(text: String = "", languages: Set<String> = [], tags: Set<String> = [], limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.languages = languages
        self.tags = tags
        self.limit = limit
        self.offset = offset
    }

    var queryItems: [URLQueryItem] {
        var items = [URLQueryItem(name: "q", value: String(text.prefix(200)))]
        items += languages.sorted().map { URLQueryItem(name: "languages", value: $0) }
        items += tags.sorted().map { URLQueryItem(name: "tags", value: $0) }
        items.append(URLQueryItem(name: "limit", value: String(limit)))
        items.append(URLQueryItem(name: "offset", value: String(offset)))
        return items
    }
}

/// Highlighted fields of a hit: HTML-escaped text with matches in `<mark>…</mark>`.
public struct SearchHighlight: Codable, Equatable, Sendable, Hashable {
    public var name: String?
    public var description: String?
}

public struct SearchHit: Codable, Equatable, Sendable, Identifiable, Hashable {
    public var id: String
    public var name: String
    public var languages: [String]
    public var tags: [String]
    public var ownerId: String
    public var highlight: SearchHighlight
}

/// Counts per facet value among all matches (not just the page).
public struct SearchFacets: Codable, Equatable, Sendable {
    public var languages: [String: Double]
    public var tags: [String: Double]

    public init(languages: [String: Double] = [:], tags: [String: Double] = [:]) {
        self.languages = languages
        self.tags = tags
    }
}

public struct SearchResult: Codable, Equatable, Sendable {
    public var hits: [SearchHit]
    public var facets: SearchFacets
    public var total: Int
    public var tookMs: Double
}

/// Splits the server's highlight markup into plain runs, marked or not, unescaping HTML entities.
public enum HighlightMarkup {
    public struct Run: Equatable, Sendable {
        public var text: String
        public var marked: Bool

        public init(_ text: String, marked: Bool) {
            self.text = text
            self.marked = marked
        }
    }

    public static func runs(_ html: String) -> [Run] {
        var runs: [Run] = []
        var marked = false
        var rest = Substring(html)
        while !rest.isEmpty {
            let tag = marked ? "</mark>" : "<mark>"
            if let range = rest.range(of: tag) {
                let text = unescape(rest[..<range.lowerBound])
                if !text.isEmpty { runs.append(Run(text, marked: marked)) }
                rest = rest[range.upperBound...]
                marked.toggle()
            } else {
                runs.append(Run(unescape(rest), marked: marked))
                rest = ""
            }
        }
        return runs
    }

    /// The text without markup.
    public static func plain(_ html: String) -> String {
        runs(html).map(\.text).joined()
    }

    private static func unescape(_ text: Substring) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
