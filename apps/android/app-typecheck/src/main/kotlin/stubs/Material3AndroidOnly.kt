@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package androidx.compose.material3

fun dynamicLightColorScheme(context: android.content.Context): ColorScheme = throw UnsupportedOperationException()
fun dynamicDarkColorScheme(context: android.content.Context): ColorScheme = throw UnsupportedOperationException()
