@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package android.net

private fun stub(): Nothing = throw UnsupportedOperationException("Android SDK stub")

abstract class Uri : android.os.Parcelable {
    abstract val lastPathSegment: String?
    companion object { fun parse(uriString: String): Uri = stub() }
}
