@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package androidx.compose.ui.res

import androidx.compose.runtime.Composable

@Composable fun stringResource(id: Int): String = throw UnsupportedOperationException()
@Composable fun stringResource(id: Int, vararg formatArgs: Any): String = throw UnsupportedOperationException()
@Composable fun pluralStringResource(id: Int, count: Int, vararg formatArgs: Any): String = throw UnsupportedOperationException()
