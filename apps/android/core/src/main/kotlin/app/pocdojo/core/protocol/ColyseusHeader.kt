package app.pocdojo.core.protocol

import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * Colyseus 0.18 header encodings (docs/protocol.md §5): MessagePack-like tags, but lengths and numbers
 * little-endian. Only frame headers use them; payloads are standard MessagePack.
 */
object ColyseusHeader {
    fun writeString(out: ByteArrayOutputStream, text: String) {
        val bytes = text.toByteArray(Charsets.UTF_8)
        val n = bytes.size
        when {
            n < 32 -> out.write(0xa0 or n)
            n < 256 -> { out.write(0xd9); out.write(n) }
            n < 65_536 -> { out.write(0xda); out.write(n and 0xff); out.write(n ushr 8) }
            else -> { out.write(0xdb); out.write(le(n.toLong(), 4)) }
        }
        out.write(bytes)
    }

    fun writeNumber(out: ByteArrayOutputStream, value: Double) {
        val whole = value.toLong()
        if (whole.toDouble() != value || whole !in Int.MIN_VALUE..0xffff_ffffL) {
            // Colyseus writes fractional and out-of-range numbers as float32.
            out.write(0xca)
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value.toFloat()).array())
            return
        }
        when {
            whole in 0..127 -> out.write(whole.toInt())
            whole in 128..0xff -> { out.write(0xcc); out.write(whole.toInt()) }
            whole in 0x100..0xffff -> { out.write(0xcd); out.write(le(whole, 2)) }
            whole > 0xffff -> { out.write(0xce); out.write(le(whole, 4)) }
            whole >= -32 -> out.write((0xe0 or (whole + 32).toInt()) and 0xff)
            whole >= -128 -> { out.write(0xd0); out.write(whole.toInt() and 0xff) }
            whole >= -32_768 -> { out.write(0xd1); out.write(le(whole, 2)) }
            else -> { out.write(0xd2); out.write(le(whole, 4)) }
        }
    }

    private fun le(value: Long, size: Int) = ByteArray(size) { ((value ushr (8 * it)) and 0xff).toByte() }

    /** A cursor over a frame; every read checks bounds and throws [ProtocolException] past the end. */
    class Reader(val bytes: ByteArray, var offset: Int = 0) {
        val remaining get() = bytes.size - offset

        fun byte(): Int {
            if (offset >= bytes.size) throw ProtocolException("frame truncated at byte $offset")
            return bytes[offset++].toInt() and 0xff
        }

        fun take(n: Int): ByteArray {
            if (n < 0 || n > remaining) throw ProtocolException("frame truncated: $n bytes wanted at $offset, $remaining left")
            return bytes.copyOfRange(offset, offset + n).also { offset += n }
        }

        fun rest(): ByteArray = take(remaining)

        private fun uintLe(size: Int): Long {
            var value = 0L
            for (i in 0 until size) value = value or (byte().toLong() shl (8 * i))
            return value
        }

        private fun intLe(size: Int): Long {
            val raw = uintLe(size)
            val shift = 64 - 8 * size
            return (raw shl shift) shr shift
        }

        fun string(): String {
            val tag = byte()
            val length = when {
                tag and 0xe0 == 0xa0 -> tag and 0x1f
                tag == 0xd9 -> byte()
                tag == 0xda -> uintLe(2).toInt()
                tag == 0xdb -> uintLe(4).also { if (it > Int.MAX_VALUE) throw ProtocolException("string too long") }.toInt()
                else -> throw ProtocolException("expected a header string at ${offset - 1}, found tag 0x%02x".format(tag))
            }
            return String(take(length), Charsets.UTF_8)
        }

        fun number(): Double {
            val tag = byte()
            return when {
                tag <= 0x7f -> tag.toDouble()
                tag >= 0xe0 -> (tag - 0x100).toDouble()
                tag == 0xcc -> uintLe(1).toDouble()
                tag == 0xcd -> uintLe(2).toDouble()
                tag == 0xce -> uintLe(4).toDouble()
                tag == 0xcf -> uintLe(8).toDouble()
                tag == 0xd0 -> intLe(1).toDouble()
                tag == 0xd1 -> intLe(2).toDouble()
                tag == 0xd2 -> intLe(4).toDouble()
                tag == 0xd3 -> intLe(8).toDouble()
                tag == 0xca -> java.lang.Float.intBitsToFloat(uintLe(4).toInt()).toDouble()
                tag == 0xcb -> java.lang.Double.longBitsToDouble(uintLe(8))
                else -> throw ProtocolException("expected a header number at ${offset - 1}, found tag 0x%02x".format(tag))
            }
        }
    }
}
