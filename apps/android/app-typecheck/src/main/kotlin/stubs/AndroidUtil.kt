@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package android.util

object Base64 {
    const val NO_WRAP = 2
    fun decode(str: String, flags: Int): ByteArray = throw UnsupportedOperationException()
    fun encodeToString(input: ByteArray, flags: Int): String = throw UnsupportedOperationException()
}
