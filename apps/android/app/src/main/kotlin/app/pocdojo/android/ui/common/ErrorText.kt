package app.pocdojo.android.ui.common

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.pocdojo.android.R
import app.pocdojo.core.ui.common.UiError

/** The sentence for an error: the server's detail when it sent one (already in the user's words), else ours. */
@Composable
fun UiError.text(): String = when (this) {
    is UiError.Problem -> detail ?: title.ifBlank { stringResource(R.string.common_error_unknown) }
    UiError.Network -> stringResource(R.string.common_error_network)
    is UiError.Unexpected -> stringResource(R.string.common_error_unknown)
}

/** An error banner, announced by screen readers when it appears. */
@Composable
fun ErrorBanner(error: UiError?, modifier: Modifier = Modifier) {
    if (error == null) return
    Surface(
        color = MaterialTheme.colorScheme.errorContainer,
        contentColor = MaterialTheme.colorScheme.onErrorContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
    ) {
        Text(error.text(), modifier = Modifier.padding(12.dp), style = MaterialTheme.typography.bodyMedium)
    }
}
