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
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * A server that speaks the handshake and then sends garbage: the session reports each problem in its state,
 * keeps its connection and goes on working. (A fake server on purpose: the real engine never sends these.)
 */
class HostileServerTest {
    private val server = MockWebServer()
    private val received = LinkedBlockingQueue<ByteArray>()

    private fun frames(): List<ByteString> {
        val welcome = Json.parseToJsonElement(
            """{"protocolVersion":1,"sessionId":"s1","userId":"u1","role":"participant","color":"#123456","relay":false,"chat":[],"serverTime":1.7646250001235E12}""",
        )
        return listOf(
            Frames.roomData("welcome", welcome).toByteString(),
            byteArrayOf(0xff.toByte(), 0x13, 0x37).toByteString(), // unknown frame code
            ByteString.EMPTY, // empty frame
            byteArrayOf(FrameCode.ROOM_DATA.toByte(), 0xa4.toByte(), 'c'.code.toByte(), 'h'.code.toByte(), 'a'.code.toByte(), 't'.code.toByte(), 0xc1.toByte()).toByteString(), // 0xc1 is never MessagePack
            byteArrayOf(FrameCode.ROOM_DATA.toByte(), 0xd9.toByte(), 0xff.toByte(), 'x'.code.toByte()).toByteString(), // truncated type
            Frames.roomData("state", Json.parseToJsonElement("""{"dojoId": 42}""")).toByteString(), // wrong shape
            Frames.roomData("confetti", Json.parseToJsonElement("{}")).toByteString(), // unknown type
            Frames.roomDataBytes("sync", byteArrayOf(1, 2, 3, 4)).toByteString(), // not Automerge
            Frames.roomDataBytes("reset", byteArrayOf(0x42)).toByteString(), // not a document
            Frames.roomDataBytes("changes", byteArrayOf(0x05, 0x01)).toByteString(), // truncated framing
            Frames.roomDataBytes("sync", ByteArray(10 * 1024 * 1024)).toByteString(), // oversized
            Frames.roomData("chat", Json.parseToJsonElement("""{"id":"c1","userId":"u2","name":"Eve","text":"still here?","at":1.7646250001235E12}""")).toByteString(),
        )
    }

    @Volatile private var serverSide: WebSocket? = null

    @AfterEach
    fun stop() {
        serverSide?.close(1001, "test over")
        server.close()
    }

    @Test
    fun `garbage frames, unknown message types and oversized payloads become errors in the state, not a crash`() = runBlocking<Unit> {
        server.dispatcher = object : Dispatcher() {
            override fun dispatch(request: RecordedRequest): MockResponse =
                if (request.url.encodedPath.startsWith("/matchmake/")) {
                    MockResponse.Builder().code(200).body("""{"name":"dojo","sessionId":"s1","roomId":"r1","processId":"p1"}""").build()
                } else {
                    MockResponse.Builder().webSocketUpgrade(object : WebSocketListener() {
                        override fun onOpen(webSocket: WebSocket, response: Response) {
                            serverSide = webSocket
                            webSocket.send(byteArrayOf(FrameCode.JOIN_ROOM.toByte(), 2, 'r'.code.toByte(), 't'.code.toByte(), 6, *"schema".toByteArray(), 0).toByteString())
                        }

                        override fun onMessage(webSocket: WebSocket, bytes: ByteString) {
                            received += bytes.toByteArray()
                            if (bytes.toByteArray().contentEquals(Frames.joinAck())) {
                                frames().forEach { webSocket.send(it) }
                                webSocket.send("a text frame")
                            }
                        }
                    }).build()
                }
        }
        server.start()
        val engineUrl = server.url("/").toString()
        val session = DojoSession({ DojoTicket("ticket", engineUrl, "dojo", 60.0) })
        try {
            session.connect()
            val state = withTimeout(30_000) { session.state.first { s -> s.chat.any { it.text == "still here?" } && s.errors.any { it.code == "text_frame" } } }
            assertEquals(Connection.Joined, state.connection)
            val codes = state.errors.map { it.code }
            for (expected in listOf("malformed_frame", "malformed_message", "unknown_message", "invalid_automerge", "frame_too_large", "text_frame")) {
                assertTrue(expected in codes, "$expected in $codes")
            }
            assertEquals(4, codes.count { it == "malformed_frame" }, "$codes") // unknown code, empty, bad MessagePack, truncated type
            assertEquals(2, codes.count { it == "malformed_message" }, "$codes") // wrong state shape, bad changes framing
            assertTrue(state.errors.all { it.kind == SessionError.Kind.PROTOCOL && it.message.isNotBlank() })
            assertEquals(emptyMap<String, String>(), state.files)

            // Still working: a chat goes out on the same socket.
            session.chat("alive")
            val deadline = System.currentTimeMillis() + 10_000
            var chat: ByteArray? = null
            while (chat == null && System.currentTimeMillis() < deadline) {
                chat = received.poll(100, TimeUnit.MILLISECONDS)?.takeIf { it[0].toInt() == FrameCode.ROOM_DATA }
            }
            assertTrue(chat != null && String(chat).contains("alive"))
        } finally {
            session.close()
            withTimeout(10_000) { session.state.first { it.connection is Connection.Closed } }
        }
    }
}
