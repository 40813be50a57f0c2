package app.pocdojo.core.api

import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import mockwebserver3.Dispatcher
import mockwebserver3.MockResponse
import mockwebserver3.MockWebServer
import mockwebserver3.RecordedRequest
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.atomic.AtomicInteger

/** The client's token handling and error mapping against a scripted server (the real API is in the e2e tests). */
class PlatformApiTest {
    private val server = MockWebServer()
    private val refreshes = AtomicInteger()
    private val seen = java.util.concurrent.ConcurrentLinkedQueue<RecordedRequest>()

    private fun problem(status: Int, code: String, extra: String = "") = MockResponse.Builder().code(status)
        .addHeader("content-type", "application/problem+json")
        .body("""{"type":"https://pocdojo.dev/problems/$code","title":"t","status":$status,"code":"$code","detail":"d","instance":"/x"$extra}""")
        .build()

    private fun json(body: String, status: Int = 200) = MockResponse.Builder().code(status).addHeader("content-type", "application/json").body(body).build()

    @BeforeEach
    fun start() {
        server.dispatcher = object : Dispatcher() {
            override fun dispatch(request: RecordedRequest): MockResponse {
                seen += request
                val auth = request.headers["Authorization"]
                return when (request.url.encodedPath) {
                    "/v1/auth/refresh" -> {
                        val n = refreshes.incrementAndGet()
                        if (request.body!!.utf8().contains("refresh-1")) json("""{"accessToken":"access-2","refreshToken":"refresh-2","tokenType":"Bearer","expiresIn":900}""")
                        else problem(401, "token_invalid").also { assertTrue(n > 0) }
                    }
                    "/v1/me" -> if (auth == "Bearer access-2") json("""{"id":"u","name":"Ada","email":"a@x","role":"owner","emailVerified":true,"createdAt":"c","tenantId":"t","extra":1}""")
                    else problem(401, "token_expired")
                    "/v1/pocs/p1" -> if (request.headers["If-Match"] == "\"3\"") problem(412, "version_mismatch") else problem(428, "precondition_required")
                    "/v1/pocs" -> problem(400, "validation_failed", ""","errors":[{"field":"name","message":"required"}]""")
                    "/v1/katas" -> MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("slow down").build()
                    else -> json("<html>", 200)
                }
            }
        }
        server.start()
    }

    @AfterEach
    fun stop() = server.close()

    private fun api(tokens: Tokens?) = PlatformApi(server.url("/").toString(), InMemoryTokenStore(tokens))

    @Test
    fun `an expired access token is refreshed once, the rotated pair is stored and the call retried`() = runBlocking<Unit> {
        val api = api(Tokens("access-1", "refresh-1"))
        // Three calls at once share one refresh: the refresh token is single-use.
        val results = (1..3).map { async { api.me() } }.awaitAll()
        assertEquals(listOf("Ada", "Ada", "Ada"), results.map { it.name })
        assertEquals(1, refreshes.get())
        assertEquals(Tokens("access-2", "refresh-2"), api.tokens.load())
    }

    @Test
    fun `a refused refresh clears the token store and surfaces Unauthenticated`() = runBlocking<Unit> {
        val api = api(Tokens("access-1", "refresh-stale"))
        val error = assertThrows<ApiError.Unauthenticated> { api.me() }
        assertEquals("token_invalid", error.problem.code)
        assertNull(api.tokens.load())
    }

    @Test
    fun `problem+json maps to typed errors, If-Match carries the version`() = runBlocking<Unit> {
        val api = api(Tokens("access-2", "refresh-2"))
        assertThrows<ApiError.VersionMismatch> { api.updatePoc("p1", 3, PocUpdate(name = "x")) }.also { assertEquals(412, it.problem.status) }
        val invalid = assertThrows<ApiError.Invalid> { api.createPoc(PocCreate(name = "", languages = listOf("go"))) }
        assertEquals("name", invalid.fieldErrors.single().field)
        val limited = assertThrows<ApiError.RateLimited> { api.katas() }
        assertEquals(7L, limited.retryAfterSeconds)
        assertThrows<ApiError.Transport> { api.dojo("d1") } // a 200 that is not the API's JSON
        val patch = seen.single { it.method == "PATCH" }
        assertEquals("Bearer access-2", patch.headers["Authorization"])
        assertEquals("HTTP/1.1", patch.version)
    }
}
