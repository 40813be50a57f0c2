@file:Suppress("unused", "PackageDirectoryMismatch")

package android.provider

object OpenableColumns {
    const val DISPLAY_NAME = "_display_name"
    const val SIZE = "_size"
}
