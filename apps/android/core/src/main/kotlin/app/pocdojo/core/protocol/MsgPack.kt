package app.pocdojo.core.protocol

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.longOrNull
import org.msgpack.core.MessagePack
import org.msgpack.core.MessagePacker
import org.msgpack.core.MessageUnpacker
import org.msgpack.value.ValueType
import java.util.Base64

/**
 * MessagePack payloads of `ROOM_DATA` frames, through msgpack-core, as kotlinx JSON trees so the typed
 * messages are plain `@Serializable` classes. Integers stay integers; floats (every timestamp, §16) stay doubles.
 */
object MsgPack {
    /** Decodes exactly one MessagePack value filling `bytes`. */
    fun decode(bytes: ByteArray): JsonElement {
        try {
            MessagePack.newDefaultUnpacker(bytes).use { unpacker ->
                val value = read(unpacker, 0)
                if (unpacker.hasNext()) throw ProtocolException("MessagePack: trailing bytes after the payload")
                return value
            }
        } catch (e: ProtocolException) {
            throw e
        } catch (e: Exception) {
            throw ProtocolException("MessagePack: ${e.message}", e)
        }
    }

    private fun read(unpacker: MessageUnpacker, depth: Int): JsonElement {
        if (depth > 32) throw ProtocolException("MessagePack: nested too deeply")
        val format = unpacker.nextFormat
        return when (format.valueType) {
            ValueType.NIL -> JsonNull.also { unpacker.unpackNil() }
            ValueType.BOOLEAN -> JsonPrimitive(unpacker.unpackBoolean())
            ValueType.INTEGER -> JsonPrimitive(unpacker.unpackLong())
            ValueType.FLOAT -> JsonPrimitive(unpacker.unpackDouble())
            ValueType.STRING -> JsonPrimitive(unpacker.unpackString())
            ValueType.BINARY -> {
                val bytes = unpacker.readPayload(unpacker.unpackBinaryHeader())
                JsonObject(mapOf(BINARY_KEY to JsonPrimitive(Base64.getEncoder().encodeToString(bytes))))
            }
            ValueType.ARRAY -> JsonArray(List(unpacker.unpackArrayHeader()) { read(unpacker, depth + 1) })
            ValueType.MAP -> {
                val size = unpacker.unpackMapHeader()
                val entries = LinkedHashMap<String, JsonElement>(size)
                repeat(size) {
                    val key = read(unpacker, depth + 1)
                    if (key !is JsonPrimitive || !key.isString) throw ProtocolException("MessagePack: a map key is not a string")
                    entries[key.content] = read(unpacker, depth + 1)
                }
                JsonObject(entries)
            }
            ValueType.EXTENSION, null -> throw ProtocolException("MessagePack: extension types are not part of the protocol")
        }
    }

    /** Canonical MessagePack (smallest header for every value), as the vectors' client payloads. */
    fun encode(value: JsonElement): ByteArray {
        val packer = MessagePack.newDefaultBufferPacker()
        write(packer, value)
        return packer.toByteArray()
    }

    private fun write(packer: MessagePacker, value: JsonElement) {
        when (value) {
            JsonNull -> packer.packNil()
            is JsonPrimitive -> when {
                value.isString -> packer.packString(value.content)
                value.booleanOrNull != null -> packer.packBoolean(value.booleanOrNull!!)
                value.longOrNull != null -> packer.packLong(value.longOrNull!!)
                else -> packer.packDouble(value.content.toDouble())
            }
            is JsonArray -> {
                packer.packArrayHeader(value.size)
                value.forEach { write(packer, it) }
            }
            is JsonObject -> {
                packer.packMapHeader(value.size)
                for ((key, item) in value) {
                    packer.packString(key)
                    write(packer, item)
                }
            }
        }
    }

    /** How a MessagePack `bin` value appears in the JSON tree (never used by the dojo's msgpack messages). */
    const val BINARY_KEY = "\$binary"
}
