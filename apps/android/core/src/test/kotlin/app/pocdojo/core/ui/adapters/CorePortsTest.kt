package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.InMemoryTokenStore
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.api.Tokens
import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.fakes.settle
import app.pocdojo.core.ui.pocs.PocEditorViewModel
import app.pocdojo.core.ui.pocs.PocForm
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.runTest
import mockwebserver3.Dispatcher
import mockwebserver3.MockResponse
import mockwebserver3.MockWebServer
import mockwebserver3.RecordedRequest
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.ConcurrentLinkedQueue

/**
 * The adapters between the view models and the core's client, against a scripted
 * HTTP server: request shapes, and problem documents turned into what screens show.
 * (The real services are exercised by the core's end-to-end tests.)
 */
class CorePortsTest {
    private val server = MockWebServer()
    private val seen = ConcurrentLinkedQueue<RecordedRequest>()

    private val poc = """{"id":"p1","ownerId":"u1","name":"Spike","description":"","languages":["Go"],"tags":[],"repoUrl":null,
        |"status":"idea","startedAt":null,"finishedAt":null,"createdAt":"c","updatedAt":"u","version":3}""".trimMargin()

    private fun json(body: String, status: Int = 200) =
        MockResponse.Builder().code(status).addHeader("content-type", "application/json").body(body).build()

    private fun problem(status: Int, code: String, errors: String = "") = MockResponse.Builder().code(status)
        .addHeader("content-type", "application/problem+json")
        .body("""{"type":"about:blank","title":"t","status":$status,"code":"$code","instance":"/x"$errors}""")
        .build()

    @BeforeEach
    fun start() {
        server.dispatcher = object : Dispatcher() {
            override fun dispatch(request: RecordedRequest): MockResponse {
                seen += request
                return when ("${request.method} ${request.url.encodedPath}") {
                    "GET /v1/pocs/p1" -> json(poc)
                    "PATCH /v1/pocs/p1" -> problem(412, "version_mismatch")
                    "POST /v1/signup" -> problem(400, "validation_failed", ""","errors":[{"field":"email","message":"not an e-mail"}]""")
                    "GET /v1/pocs/search" -> json(
                        """{"hits":[{"id":"p1","name":"Kubernetes operator","languages":["Go"],"tags":["k8s"],"ownerId":"u1",
                        |"highlight":{"name":"<mark>Kubernetes</mark> operator"}}],"facets":{"languages":{"Go":1},"tags":{"k8s":1}},
                        |"total":1,"tookMs":0.4}""".trimMargin(),
                    )
                    else -> problem(404, "not_found")
                }
            }
        }
        server.start()
    }

    @AfterEach
    fun stop() = server.close()

    private fun platform() = PlatformApi(server.url("/").toString(), InMemoryTokenStore(Tokens("access", "refresh")))

    @Test
    fun `a stale If-Match from the editor shows as a conflict`() = runTest {
        val vm = PocEditorViewModel(backgroundScope, CorePocPort(platform()), "p1")
        waitFor { vm.state.value.poc != null }
        vm.startEditing()
        vm.edit { it.copy(name = "Mine") }
        vm.save()
        waitFor { !vm.state.value.saving }
        assertTrue(vm.state.value.conflict)
        val patch = seen.single { it.method == "PATCH" }
        assertEquals("\"3\"", patch.headers["If-Match"])
        assertTrue(patch.body!!.utf8().contains("\"name\":\"Mine\""))
    }

    @Test
    fun `field errors of a problem reach the form`() {
        val failure = assertThrows<app.pocdojo.core.ui.common.UiFailure> {
            runBlocking { CoreAuthPort(platform()).signup("Acme", null, "Ada", "nope", "pw") }
        }
        val problem = failure.error as UiError.Problem
        assertEquals(400, problem.status)
        assertEquals("not an e-mail", problem.field("email"))
    }

    @Test
    fun `search hits keep their highlights and facets`() = runBlocking {
        val found = CorePocPort(platform()).search("kubernets", setOf("Go"), emptySet())
        assertEquals("<mark>Kubernetes</mark> operator", found.hits.single().highlight["name"])
        assertEquals(mapOf("Go" to 1), found.languageFacets)
        val request = seen.single()
        assertEquals("kubernets", request.url.queryParameter("q"))
        assertEquals("Go", request.url.queryParameter("languages"))
    }

    @Test
    fun `an unreachable server is a network error`() {
        val port = CorePocPort(PlatformApi("http://127.0.0.1:9", InMemoryTokenStore(Tokens("a", "r"))))
        val failure = assertThrows<app.pocdojo.core.ui.common.UiFailure> { runBlocking { port.get("p1") } }
        assertEquals(UiError.Network, failure.error)
    }

    /** Real HTTP runs on OkHttp's threads: wait for the state, not for virtual time. */
    private fun kotlinx.coroutines.test.TestScope.waitFor(condition: () -> Boolean) {
        val deadline = System.nanoTime() + 10_000_000_000
        while (!condition()) {
            check(System.nanoTime() < deadline) { "timed out" }
            settle()
            Thread.sleep(5)
        }
    }
}
