package app.pocdojo.core.dojo

import app.pocdojo.core.api.DojoTicket
import app.pocdojo.core.protocol.Frame
import app.pocdojo.core.protocol.FrameCode
import app.pocdojo.core.protocol.Frames
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
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
import java.util.concurrent.CopyOnWriteArrayList

/** Presence leaves the session paced (docs/protocol.md §7.1), against a scripted engine that records what arrives. */
class PresencePacingTest {
    private val server = MockWebServer()
    private val sockets = CopyOnWriteArrayList<WebSocket>()
    /** The `head` of every presence frame the engine received, with when it arrived (ms). */
    private val heads = CopyOnWriteArrayList<Pair<Long, Long>>()

    @AfterEach
    fun stop() {
        sockets.forEach { it.close(1001, null) }
        server.close()
    }

    private fun engine() {
        server.dispatcher = object : Dispatcher() {
            override fun dispatch(request: RecordedRequest): MockResponse {
                if (request.url.encodedPath.startsWith("/matchmake/")) {
                    return MockResponse.Builder().code(200).body("""{"name":"dojo","sessionId":"m1","roomId":"r1","processId":"p1"}""").build()
                }
                return MockResponse.Builder().webSocketUpgrade(object : WebSocketListener() {
                    override fun onOpen(webSocket: WebSocket, response: Response) {
                        sockets += webSocket
                        webSocket.send(byteArrayOf(FrameCode.JOIN_ROOM.toByte(), 2, *"rt".toByteArray(), 6, *"schema".toByteArray(), 0).toByteString())
                    }

                    override fun onMessage(webSocket: WebSocket, bytes: ByteString) {
                        val raw = bytes.toByteArray()
                        if (raw.contentEquals(Frames.joinAck())) {
                            val welcome = """{"protocolVersion":1,"sessionId":"s1","userId":"u","role":"participant","color":"#123456","relay":false,"chat":[],"serverTime":1.0E12}"""
                            webSocket.send(Frames.roomData("welcome", Json.parseToJsonElement(welcome)).toByteString())
                            return
                        }
                        val frame = Frames.decode(raw)
                        if (frame is Frame.RoomData && frame.type == "presence") {
                            heads += System.nanoTime() / 1_000_000 to frame.payload!!.jsonObject["head"]!!.jsonPrimitive.long
                        }
                    }
                }).build()
            }
        }
        server.start()
    }

    @Test
    fun `a drag goes out as its first and its last position, a repeat not at all`() = runBlocking<Unit> {
        engine()
        val session = DojoSession({ DojoTicket("ticket", server.url("/").toString(), "dojo", 60.0) })
        try {
            session.connect()
            withTimeout(10_000) { session.state.first { it.connection == Connection.Joined } }
            val start = System.nanoTime() / 1_000_000
            for (head in 1L..30L) session.setPresence("a.ts", head, head, typing = false)
            withTimeout(5_000) { while (heads.none { it.second == 30L }) delay(10) }
            val elapsed = System.nanoTime() / 1_000_000 - start
            // At most one a tenth of a second, the first at once: on a quiet machine exactly 1 and 30.
            assertEquals(1L, heads.first().second)
            assertEquals(30L, heads.last().second)
            assertTrue(heads.size <= elapsed / 100 + 2, "${heads.size} presence frames in $elapsed ms: ${heads.map { it.second }}")

            // The same presence again, later: nothing is sent.
            delay(300)
            val before = heads.size
            session.setPresence("a.ts", 30, 30, typing = false)
            delay(300)
            assertEquals(before, heads.size)
        } finally {
            session.close()
        }
    }
}
