@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package android.content.res

open class Resources {
    fun getString(id: Int): String = throw UnsupportedOperationException()
    fun getString(id: Int, vararg formatArgs: Any): String = throw UnsupportedOperationException()
}
