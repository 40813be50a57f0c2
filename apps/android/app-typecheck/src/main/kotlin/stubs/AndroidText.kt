@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package android.text.format

object Formatter {
    fun formatShortFileSize(context: android.content.Context?, sizeBytes: Long): String = throw UnsupportedOperationException()
}

object DateFormat {
    fun getTimeFormat(context: android.content.Context): java.text.DateFormat = throw UnsupportedOperationException()
}
