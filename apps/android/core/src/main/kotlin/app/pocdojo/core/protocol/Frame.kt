package app.pocdojo.core.protocol

import kotlinx.serialization.json.JsonElement
import java.io.ByteArrayOutputStream

/** Colyseus 0.18 frame codes (docs/protocol.md §5): bits 0–4 of byte 0. */
object FrameCode {
    const val JOIN_ROOM = 10
    const val ERROR = 11
    const val LEAVE_ROOM = 12
    const val ROOM_DATA = 13
    const val ROOM_STATE = 14
    const val ROOM_STATE_PATCH = 15
    const val ROOM_DATA_BYTES = 17
    const val PING = 18
}

/** One WebSocket message of the dojo protocol, decoded. */
sealed interface Frame {
    /** First frame after (re)connecting; acknowledge it with [Frames.joinAck]. */
    class JoinRoom(val reconnectionToken: String, val serializerId: String, val handshake: ByteArray) : Frame

    /** The room refused the join (`status`, `"<code>: <message>"`); the socket closes with 4002 next. */
    data class Error(val status: Int, val message: String) : Frame {
        /** The stable dojo error code before the first `:`. */
        val code: String get() = message.substringBefore(':').trim()
    }

    data object LeaveRoom : Frame
    data object Ping : Frame

    /** A msgpack message: `payload` is null when the frame carries none. */
    data class RoomData(val type: String, val payload: JsonElement?) : Frame

    class RoomDataBytes(val type: String, val bytes: ByteArray) : Frame

    /** Colyseus schema state or patch: native clients read the `state` message instead. */
    data class SchemaState(val code: Int) : Frame
}

object Frames {
    /** Decodes one frame; throws [ProtocolException] with the reason when the bytes are not a frame. */
    fun decode(bytes: ByteArray): Frame {
        if (bytes.isEmpty()) throw ProtocolException("empty frame")
        val reader = ColyseusHeader.Reader(bytes, 1)
        return when (val code = bytes[0].toInt() and 0x1f) {
            FrameCode.JOIN_ROOM -> {
                if (bytes.size == 1) throw ProtocolException("JOIN_ROOM without reconnection token")
                val token = String(reader.take(reader.byte()), Charsets.UTF_8)
                val serializer = String(reader.take(reader.byte()), Charsets.UTF_8)
                val handshakeLength = if (reader.remaining > 0) reader.number().toInt() else 0
                // Tagged sections may follow the handshake: ignored.
                Frame.JoinRoom(token, serializer, reader.take(handshakeLength))
            }
            FrameCode.ERROR -> Frame.Error(reader.number().toInt(), if (reader.remaining > 0) reader.string() else "")
            FrameCode.LEAVE_ROOM -> Frame.LeaveRoom
            FrameCode.PING -> Frame.Ping
            FrameCode.ROOM_DATA -> {
                val type = reader.string()
                Frame.RoomData(type, if (reader.remaining > 0) MsgPack.decode(reader.rest()) else null)
            }
            FrameCode.ROOM_DATA_BYTES -> Frame.RoomDataBytes(reader.string(), reader.rest())
            FrameCode.ROOM_STATE, FrameCode.ROOM_STATE_PATCH -> Frame.SchemaState(code)
            else -> throw ProtocolException("unknown frame code $code")
        }
    }

    fun joinAck(): ByteArray = byteArrayOf(FrameCode.JOIN_ROOM.toByte())
    fun leave(): ByteArray = byteArrayOf(FrameCode.LEAVE_ROOM.toByte())
    fun ping(): ByteArray = byteArrayOf(FrameCode.PING.toByte())

    fun roomData(type: String, payload: JsonElement?): ByteArray = frame(FrameCode.ROOM_DATA, type) {
        if (payload != null) it.write(MsgPack.encode(payload))
    }

    fun roomDataBytes(type: String, bytes: ByteArray): ByteArray = frame(FrameCode.ROOM_DATA_BYTES, type) { it.write(bytes) }

    private inline fun frame(code: Int, type: String, body: (ByteArrayOutputStream) -> Unit): ByteArray {
        val out = ByteArrayOutputStream()
        out.write(code)
        ColyseusHeader.writeString(out, type)
        body(out)
        return out.toByteArray()
    }
}
