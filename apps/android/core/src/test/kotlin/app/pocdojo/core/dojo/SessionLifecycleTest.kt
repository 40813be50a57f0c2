package app.pocdojo.core.dojo

import app.pocdojo.core.api.DojoTicket
import app.pocdojo.core.protocol.FrameCode
import app.pocdojo.core.protocol.Frames
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.Json
import mockwebserver3.Dispatcher
import mockwebserver3.MockResponse
import mockwebserver3.MockWebServer
import mockwebserver3.RecordedRequest
import okhttp3.Response
import okhttp3.WebSocket
import okhttp3.WebSocketListener
import okio.ByteString
import okio.ByteString.Companion.toByteString
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/** The session's reaction to close codes and refusals, against a scripted engine. */
class SessionLifecycleTest {
    private val server = MockWebServer()
    private val matchmakes = AtomicInteger()
    private val sockets = CopyOnWriteArrayList<WebSocket>()
    private val urls = CopyOnWriteArrayList<String>()

    @AfterEach
    fun stop() {
        sockets.forEach { it.close(1001, null) }
        server.close()
    }

    /** Each socket joins and is welcomed, then the server closes it with `closeWith(n)` (null: stays open). */
    private fun engine(closeWith: (Int) -> Int?, matchmake: (Int) -> MockResponse = { seat(it) }) {
        val sockets = AtomicInteger()
        server.dispatcher = object : Dispatcher() {
            override fun dispatch(request: RecordedRequest): MockResponse {
                if (request.url.encodedPath.startsWith("/matchmake/")) {
                    assertEquals("HTTP/1.1", request.version)
                    return matchmake(matchmakes.incrementAndGet())
                }
                urls += request.url.toString()
                val n = sockets.incrementAndGet()
                return MockResponse.Builder().webSocketUpgrade(object : WebSocketListener() {
                    override fun onOpen(webSocket: WebSocket, response: Response) {
                        this@SessionLifecycleTest.sockets += webSocket
                        webSocket.send(byteArrayOf(FrameCode.JOIN_ROOM.toByte(), 3, *"rt$n".toByteArray(), 6, *"schema".toByteArray(), 0).toByteString())
                    }

                    override fun onMessage(webSocket: WebSocket, bytes: ByteString) {
                        if (!bytes.toByteArray().contentEquals(Frames.joinAck())) return
                        val welcome = """{"protocolVersion":1,"sessionId":"s$n","userId":"u","role":"participant","color":"#123456","relay":false,"chat":[],"serverTime":1.0E12}"""
                        webSocket.send(Frames.roomData("welcome", Json.parseToJsonElement(welcome)).toByteString())
                        closeWith(n)?.let { webSocket.close(it, "scripted") }
                    }
                }).build()
            }
        }
        server.start()
    }

    private fun seat(n: Int) = MockResponse.Builder().code(200).body("""{"name":"dojo","sessionId":"m$n","roomId":"r1","processId":"p1"}""").build()

    private fun session() = DojoSession({ DojoTicket("ticket", server.url("/").toString(), "dojo", 60.0) }, options = DojoSessionOptions(backoffMs = 20))

    @Test
    fun `a lost connection reconnects with the reconnection token, a shutdown matchmakes again, removal stops`() = runBlocking<Unit> {
        engine(closeWith = { n -> mapOf(1 to 1011, 2 to 4001, 3 to 4100)[n] })
        val session = session()
        session.connect()
        val closed = withTimeout(20_000) { session.state.first { it.connection is Connection.Closed } }
        assertEquals(Connection.Closed("closed 4100 scripted", 4100), closed.connection)
        // 1011 is not a code the server ends a session with on purpose: reconnect with the token of socket 1.
        assertTrue(urls[1].contains("reconnectionToken=rt1&skipHandshake=true"), urls.toString())
        // 4001 (shutting down): a fresh ticket and a new seat, no token.
        assertTrue(!urls[2].contains("reconnectionToken") && urls[2].contains("sessionId=m2"), urls.toString())
        assertEquals(2, matchmakes.get())
        assertTrue(closed.errors.any { it.code == "participant_removed" })
        session.close()
    }

    @Test
    fun `a refused ticket stops with the refusal code while an unreachable engine is retried`() = runBlocking<Unit> {
        engine(closeWith = { null }, matchmake = { n ->
            if (n == 1) MockResponse.Builder().code(503).body("busy").build()
            else MockResponse.Builder().code(403).body("""{"code":403,"error":"tenant_mismatch: the dojo belongs to another team"}""").build()
        })
        val session = session()
        session.connect()
        val closed = withTimeout(20_000) { session.state.first { it.connection is Connection.Closed } }
        assertEquals(2, matchmakes.get())
        assertEquals("tenant_mismatch", closed.lastError?.code)
        assertEquals(SessionError.Kind.JOIN, closed.lastError?.kind)
        session.close()
    }

    @Test
    fun `matchmaking refusals carry the stable code`() = runBlocking<Unit> {
        engine(closeWith = { null }, matchmake = { MockResponse.Builder().code(401).body("""{"code":401,"error":"ticket_invalid: bad signature"}""").build() })
        val error = assertThrows<MatchmakeException> { Matchmaker(okhttp3.OkHttpClient()).joinOrCreate(server.url("/").toString(), "t") }
        assertEquals(401, error.status)
        assertEquals("ticket_invalid", error.code)
    }
}
