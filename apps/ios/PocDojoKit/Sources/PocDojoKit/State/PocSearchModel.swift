import Foundation
import Observation

/// The POC list: search-as-you-type over the typo-tolerant index, with language and tag
/// facets as filters. An empty query lists everything (newest match first), facets included.
@MainActor
@Observable
public final class PocSearchModel {
    public var text = "" {
        didSet { if text != oldValue { scheduleSearch() } }
    }
    public private(set) var languages: Set<String> = []
    public private(set) var tags: Set<String> = []
    public private(set) var hits: [SearchHit] = []
    public private(set) var facets = SearchFacets()
    public private(set) var total = 0
    public private(set) var searching = false
    public private(set) var error: APIError?

    /// How long typing must pause before a search goes out.
    public static let debounce: Duration = .milliseconds(250)
    public static let pageSize = 20

    private let api: APIClient
    private let sleep: @Sendable (Duration) async throws -> Void
    @ObservationIgnored private var pending: Task<Void, Never>?

    public init(api: APIClient, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.api = api
        self.sleep = sleep
    }

    public var hasMore: Bool { hits.count < total }

    public func toggleLanguage(_ value: String) {
        if languages.contains(value) { languages.remove(value) } else { languages.insert(value) }
        search()
    }

    public func toggleTag(_ value: String) {
        if tags.contains(value) { tags.remove(value) } else { tags.insert(value) }
        search()
    }

    public func clear() {
        text = ""
        languages = []
        tags = []
        search()
    }

    /// Facet values sorted by count, then name.
    public static func sorted(_ counts: [String: Double]) -> [(value: String, count: Int)] {
        counts.map { (value: $0.key, count: Int($0.value)) }
            .sorted { $0.count == $1.count ? $0.value < $1.value : $0.count > $1.count }
    }

    private func scheduleSearch() {
        pending?.cancel()
        pending = Task { [weak self, sleep] in
            do {
                try await sleep(Self.debounce)
            } catch {
                return
            }
            await self?.run(offset: 0)
        }
    }

    /// Searches now (filters changed, pull to refresh, first appearance).
    public func search() {
        pending?.cancel()
        pending = Task { [weak self] in await self?.run(offset: 0) }
    }

    public func loadMore() async {
        guard hasMore, !searching else { return }
        await run(offset: hits.count)
    }

    private func run(offset: Int) async {
        let query = SearchQuery(text: text, languages: languages, tags: tags, limit: Self.pageSize, offset: offset)
        searching = true
        defer { searching = false }
        do {
            let result = try await api.search(query)
            // A newer keystroke may have started another search meanwhile: only the latest query counts.
            guard !Task.isCancelled, query.text == text, query.languages == languages, query.tags == tags else { return }
            hits = offset == 0 ? result.hits : hits + result.hits
            facets = result.facets
            total = result.total
            error = nil
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
    }
}
