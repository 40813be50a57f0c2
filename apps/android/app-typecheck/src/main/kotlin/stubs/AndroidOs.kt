@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package android.os

interface Parcelable

class Bundle

object Build {
    object VERSION { const val SDK_INT: Int = 36 }
    object VERSION_CODES { const val S: Int = 31 }
}
