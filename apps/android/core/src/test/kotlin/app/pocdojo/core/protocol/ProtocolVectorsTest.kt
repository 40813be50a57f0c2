package app.pocdojo.core.protocol

import app.pocdojo.core.hex
import app.pocdojo.core.repoRoot
import app.pocdojo.core.sameJson
import app.pocdojo.core.unhex
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import org.automerge.AmValue
import org.automerge.Document
import org.automerge.ObjectId
import org.automerge.SyncState
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.io.ByteArrayOutputStream
import java.io.File

/** Decodes and re-encodes every vector of docs/protocol-vectors.json (written from common/src/dojo-protocol). */
class ProtocolVectorsTest {
    private val file = File(repoRoot, "docs/protocol-vectors.json")
    private val root = Json.parseToJsonElement(file.readText()).jsonObject
    private val vectors = root["vectors"]!!.jsonArray.map { it.jsonObject }

    private fun JsonObject.str(key: String) = this[key]!!.jsonPrimitive.content
    private fun JsonObject.decoded() = this["decoded"]!!.jsonObject

    @Test
    fun `the file is version 1 of the Colyseus 0_18 protocol`() {
        assertEquals(1, root["version"]!!.jsonPrimitive.int)
        assertEquals("0.18", root.str("colyseus"))
        assertEquals(PROTOCOL_VERSION, root["protocolVersion"]!!.jsonPrimitive.int)
        assertTrue(vectors.size > 50, "expected every vector, got ${vectors.size}")
    }

    @TestFactory
    fun vectors(): List<DynamicTest> = vectors.map { vector ->
        DynamicTest.dynamicTest(vector.str("name")) {
            val bytes = vector.str("hex").unhex()
            when (vector.str("kind")) {
                "frame" -> frame(vector, bytes)
                "message" -> message(vector, bytes)
                "changes" -> {
                    val expected = vector.decoded()["changesHex"]!!.jsonArray.map { it.jsonPrimitive.content }
                    assertEquals(expected, ChangesFraming.decode(bytes).map { it.hex() })
                    assertEquals(vector.str("hex"), ChangesFraming.encode(expected.map { it.unhex() }).hex())
                }
                "headerString" -> {
                    val value = vector.decoded().str("value")
                    assertEquals(value, ColyseusHeader.Reader(bytes).string())
                    assertEquals(vector.str("hex"), ByteArrayOutputStream().also { ColyseusHeader.writeString(it, value) }.toByteArray().hex())
                }
                "headerNumber" -> {
                    val value = vector.decoded()["value"]!!.jsonPrimitive.double
                    assertEquals(value, ColyseusHeader.Reader(bytes).number())
                    assertEquals(vector.str("hex"), ByteArrayOutputStream().also { ColyseusHeader.writeNumber(it, value) }.toByteArray().hex())
                }
                "closeCode" -> {
                    val code = vector.decoded()["code"]!!.jsonPrimitive.int
                    assertEquals(code, ((bytes[0].toInt() and 0xff) shl 8) or (bytes[1].toInt() and 0xff))
                    val known = DojoCloseCode.of(code)!!
                    val camel = vector.decoded().str("name")
                    assertEquals(camel.replace(Regex("([A-Z])"), "_$1").uppercase(), known.name)
                    val action = vector.decoded().str("action")
                    val expected = when {
                        action == "none" -> CloseAction.NONE
                        action.startsWith("reconnect") -> CloseAction.RECONNECT
                        action.startsWith("matchmake") -> CloseAction.MATCHMAKE_AGAIN
                        else -> CloseAction.STOP
                    }
                    assertEquals(expected, known.action)
                }
                "matchmake" -> {
                    val body = Json.parseToJsonElement(String(bytes, Charsets.UTF_8))
                    assertTrue(sameJson(vector.decoded()["body"]!!, body))
                }
                else -> throw AssertionError("unknown vector kind ${vector.str("kind")}")
            }
        }
    }

    private fun frame(vector: JsonObject, bytes: ByteArray) {
        val decoded = vector.decoded()
        if (vector.str("direction") == "client→server" && decoded.str("frame") == "JOIN_ROOM") {
            assertArrayEquals(bytes, Frames.joinAck())
            return
        }
        val frame = Frames.decode(bytes)
        when (decoded.str("frame")) {
            "JOIN_ROOM" -> {
                frame as Frame.JoinRoom
                assertEquals(decoded.str("reconnectionToken"), frame.reconnectionToken)
                assertEquals(decoded.str("serializerId"), frame.serializerId)
                assertEquals(decoded.str("handshakeHex"), frame.handshake.hex())
            }
            "ERROR" -> {
                frame as Frame.Error
                assertEquals(decoded["status"]!!.jsonPrimitive.int, frame.status)
                assertEquals(decoded.str("message"), frame.message)
                assertEquals(decoded.str("errorCode"), frame.code)
            }
            "LEAVE_ROOM" -> { assertEquals(Frame.LeaveRoom, frame); assertArrayEquals(bytes, Frames.leave()) }
            "PING" -> { assertEquals(Frame.Ping, frame); assertArrayEquals(bytes, Frames.ping()) }
            "ROOM_STATE", "ROOM_STATE_PATCH" -> assertEquals(Frame.SchemaState(decoded["code"]!!.jsonPrimitive.int), frame)
            else -> throw AssertionError("unknown frame ${decoded.str("frame")}")
        }
    }

    private fun message(vector: JsonObject, bytes: ByteArray) {
        val decoded = vector.decoded()
        val type = decoded.str("type")
        val clientBound = vector.str("direction") == "server→client"
        when (val frame = Frames.decode(bytes)) {
            is Frame.RoomData -> {
                val payload = decoded["payload"]!!
                assertTrue(sameJson(payload, frame.payload!!), "payload: ${frame.payload} vs $payload")
                if (clientBound) {
                    val typed = DojoMessages.decode(frame)
                    assertTypedMatches(type, typed, payload)
                    // Re-encoded canonically, the payload reads back the same.
                    val again = Frames.decode(Frames.roomData(type, frame.payload)) as Frame.RoomData
                    assertTrue(sameJson(payload, again.payload!!))
                } else {
                    assertEquals(vector.str("hex"), reencodeClient(type, payload.jsonObject).hex())
                }
            }
            is Frame.RoomDataBytes -> {
                assertEquals(type, frame.type)
                assertEquals(decoded.str("payloadHex"), frame.bytes.hex())
                assertEquals(vector.str("hex"), Frames.roomDataBytes(type, frame.bytes).hex())
                decoded["changesHex"]?.let { changes ->
                    assertEquals(changes.jsonArray.map { it.jsonPrimitive.content }, ChangesFraming.decode(frame.bytes).map { it.hex() })
                }
                automerge(vector, frame)
            }
            else -> throw AssertionError("a message vector must be ROOM_DATA or ROOM_DATA_BYTES, got $frame")
        }
    }

    private fun reencodeClient(type: String, payload: JsonObject): ByteArray = when (type) {
        ClientMessageType.PRESENCE -> ClientMessages.presence(
            payload["file"]!!.jsonPrimitive.let { if (it.isString) it.content else null },
            payload["anchor"]!!.jsonPrimitive.let { if (it.content == "null") null else it.long },
            payload["head"]!!.jsonPrimitive.let { if (it.content == "null") null else it.long },
            payload["typing"]!!.jsonPrimitive.content.toBooleanStrict(),
        )
        ClientMessageType.CHAT -> ClientMessages.chat(payload.str("text"))
        ClientMessageType.COMMAND -> ClientMessages.command(
            CommandAction.entries.single { it.wire == payload.str("action") },
            payload["userId"]?.jsonPrimitive?.content,
            payload["path"]?.jsonPrimitive?.content,
        )
        ClientMessageType.RUN -> ClientMessages.run()
        ClientMessageType.VOICE -> ClientMessages.voice(
            payload.str("action"),
            payload["muted"]?.jsonPrimitive?.content?.toBooleanStrict(),
        )
        ClientMessageType.DRIVE_REQUEST -> ClientMessages.driveRequest()
        ClientMessageType.DRIVE_ACCEPT -> ClientMessages.driveAccept(payload.str("userId"))
        else -> throw AssertionError("no msgpack client message $type")
    }

    private fun assertTypedMatches(type: String, typed: ServerMessage, payload: JsonElement) {
        val back: JsonElement = when (typed) {
            is ServerMessage.WelcomeMsg -> DojoMessages.json.encodeToJsonElement(Welcome.serializer(), typed.welcome)
            is ServerMessage.State -> DojoMessages.json.encodeToJsonElement(RoomSnapshot.serializer(), typed.snapshot)
            is ServerMessage.Presence -> DojoMessages.json.encodeToJsonElement(PresenceBatch.serializer(), typed.batch)
            is ServerMessage.Chat -> DojoMessages.json.encodeToJsonElement(ChatMessage.serializer(), typed.message)
            is ServerMessage.Announce -> DojoMessages.json.encodeToJsonElement(Announcement.serializer(), typed.announcement)
            is ServerMessage.Error -> DojoMessages.json.encodeToJsonElement(ErrorMessage.serializer(), typed.error)
            is ServerMessage.Run -> DojoMessages.json.encodeToJsonElement(TestRun.serializer(), typed.run)
            is ServerMessage.Runs -> DojoMessages.json.encodeToJsonElement(TestRunList.serializer(), typed.list)
            is ServerMessage.Voice -> DojoMessages.json.encodeToJsonElement(VoiceEvent.serializer(), typed.event)
            is ServerMessage.DriveRequestedMsg -> DojoMessages.json.encodeToJsonElement(DriveRequested.serializer(), typed.request)
            else -> throw AssertionError("$type decoded as $typed")
        }
        // The typed model keeps every field the server sent (absent optional fields come back as null, at any depth).
        assertTrue(sameJson(withoutNulls(payload), withoutNulls(back)), "typed $type: $back vs $payload")
    }

    private fun withoutNulls(element: JsonElement): JsonElement = when (element) {
        is JsonObject -> JsonObject(element.filterValues { it != JsonNull }.mapValues { withoutNulls(it.value) })
        is JsonArray -> JsonArray(element.map(::withoutNulls))
        else -> element
    }

    private fun automerge(vector: JsonObject, frame: Frame.RoomDataBytes) {
        val decoded = vector.decoded()
        when (vector.str("name")) {
            "server_sync", "client_sync" -> {
                // automerge-java reads what Automerge 3 writes.
                Document().receiveSyncMessage(SyncState(), frame.bytes)
            }
            "server_reset" -> assertEquals(fileText(decoded), texts(Document.load(frame.bytes)))
            "server_changes" -> {
                val reset = vectors.single { it.str("name") == "server_reset" }.decoded().str("payloadHex").unhex()
                val doc = Document.load(reset)
                val message = DojoMessages.decode(frame) as ServerMessage.Changes
                message.changes.forEach { doc.applyEncodedChanges(it) }
                assertEquals(fileText(decoded), texts(doc))
            }
        }
    }

    private fun fileText(decoded: JsonObject): Map<String, String> =
        decoded["document"]!!.jsonObject["files"]!!.jsonObject.mapValues { it.value.jsonPrimitive.content }

    private fun texts(doc: Document): Map<String, String> {
        val files = (doc.get(ObjectId.ROOT, "files").get() as AmValue.Map).id
        return doc.keys(files).get().associateWith { key -> doc.text((doc.get(files, key).get() as AmValue.Text).id).get() }
    }

    @Test
    fun `a server message of an unknown type decodes as Unknown, a bad payload as a ProtocolException`() {
        assertInstanceOf(ServerMessage.Unknown::class.java, DojoMessages.decode(Frame.RoomData("confetti", null)))
        val bad = Frames.decode(Frames.roomData("welcome", Json.parseToJsonElement("""{"sessionId": 3}""")))
        val error = runCatching { DojoMessages.decode(bad) }.exceptionOrNull()
        assertInstanceOf(ProtocolException::class.java, error)
    }
}
