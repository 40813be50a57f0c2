package app.pocdojo.core.api

/** The session's tokens; the refresh token rotates on every refresh. */
data class Tokens(val accessToken: String, val refreshToken: String)

/**
 * Where the client keeps its tokens. The Android app stores them encrypted with a key in the Android
 * Keystore, the tests in memory; the client never logs them.
 */
interface TokenStore {
    fun load(): Tokens?
    fun save(tokens: Tokens?)
}

class InMemoryTokenStore(private var tokens: Tokens? = null) : TokenStore {
    @Synchronized override fun load(): Tokens? = tokens
    @Synchronized override fun save(tokens: Tokens?) { this.tokens = tokens }
}
