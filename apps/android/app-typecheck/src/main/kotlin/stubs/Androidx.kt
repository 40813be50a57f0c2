@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package androidx.activity

open class ComponentActivity : android.content.Context() {
    open fun onCreate(savedInstanceState: android.os.Bundle?) {}
    val application: android.app.Application get() = throw UnsupportedOperationException()
}

fun ComponentActivity.enableEdgeToEdge() {}
