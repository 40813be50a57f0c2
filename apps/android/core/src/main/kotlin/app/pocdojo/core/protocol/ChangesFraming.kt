package app.pocdojo.core.protocol

import java.io.ByteArrayOutputStream

/** The `changes` payload (docs/protocol.md §6.3): Automerge changes, each after its length as an unsigned LEB128 varint. */
object ChangesFraming {
    fun encode(changes: List<ByteArray>): ByteArray {
        val out = ByteArrayOutputStream()
        for (change in changes) {
            require(change.isNotEmpty()) { "a change is never empty" }
            var length = change.size
            while (length >= 0x80) {
                out.write((length and 0x7f) or 0x80)
                length = length ushr 7
            }
            out.write(length)
            out.write(change)
        }
        return out.toByteArray()
    }

    fun decode(bytes: ByteArray, maxChanges: Int = Int.MAX_VALUE): List<ByteArray> {
        val changes = mutableListOf<ByteArray>()
        var offset = 0
        while (offset < bytes.size) {
            var length = 0L
            var shift = 0
            var byte: Int
            do {
                if (offset >= bytes.size) throw ProtocolException("changes: truncated length")
                if (shift >= 35) throw ProtocolException("changes: length too long")
                byte = bytes[offset++].toInt() and 0xff
                length = length or ((byte and 0x7f).toLong() shl shift)
                shift += 7
            } while (byte and 0x80 != 0)
            if (length == 0L) throw ProtocolException("changes: empty change")
            if (offset + length > bytes.size) throw ProtocolException("changes: truncated change")
            if (changes.size >= maxChanges) throw ProtocolException("changes: more than $maxChanges changes")
            changes += bytes.copyOfRange(offset, offset + length.toInt())
            offset += length.toInt()
        }
        return changes
    }
}
