@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package androidx.activity.result

abstract class ActivityResultLauncher<I> {
    fun launch(input: I) {}
}
