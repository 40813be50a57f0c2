import Foundation

/// Where the session's tokens live between launches. The app stores them in the
/// Keychain (`KeychainTokenStore`); tests and previews use ``InMemoryTokenStore``.
public protocol TokenStore: Sendable {
    func load() async -> TokenPair?
    func save(_ tokens: TokenPair) async throws
    func clear() async
}

/// Tokens in memory only: gone when the process ends.
public actor InMemoryTokenStore: TokenStore {
    private var tokens: TokenPair?

    public init(_ tokens: TokenPair? = nil) {
        self.tokens = tokens
    }

    public func load() -> TokenPair? { tokens }
    public func save(_ tokens: TokenPair) { self.tokens = tokens }
    public func clear() { tokens = nil }
}
