package app.pocdojo.android.ui.pocs

import android.text.format.Formatter
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.AttachFile
import androidx.compose.material.icons.filled.Description
import androidx.compose.material3.Icon
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.platform.localFiles
import app.pocdojo.android.platform.openUrl
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.core.ui.pocs.AttachmentsViewModel
import app.pocdojo.core.ui.pocs.PocPort

/** A POC's files: attach from the device through the system picker, open with the app that handles the type. */
@Composable
fun AttachmentsSection(pocs: PocPort, pocId: String) {
    val vm = coreViewModel(key = pocId) { scope -> AttachmentsViewModel(scope, pocs, pocId) }
    val state by vm.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val picker = rememberLauncherForActivityResult(ActivityResultContracts.OpenMultipleDocuments()) { uris ->
        vm.upload(context.localFiles(uris))
    }
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(stringResource(R.string.attachments_title), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
        ErrorBanner(state.error)
        OutlinedButton(onClick = { picker.launch(arrayOf("*/*")) }, enabled = state.uploading == null) {
            Icon(Icons.Filled.AttachFile, contentDescription = null)
            Text(stringResource(R.string.attachments_add))
        }
        Text(
            state.uploading?.let { stringResource(R.string.attachments_uploading, it) }.orEmpty(),
            modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
        )
        if (!state.loading && state.items.isEmpty()) Text(stringResource(R.string.attachments_empty))
        for (file in state.items) {
            ListItem(
                leadingContent = { Icon(Icons.Filled.Description, contentDescription = null) },
                headlineContent = { Text(file.fileName) },
                supportingContent = {
                    Text(stringResource(R.string.attachments_details, file.contentType, Formatter.formatShortFileSize(context, file.bytes)))
                },
                trailingContent = {
                    val label = stringResource(R.string.attachments_open, file.fileName)
                    TextButton(onClick = { vm.open(file.id) { context.openUrl(it.url, it.contentType) } }) {
                        Text(stringResource(R.string.media_open), modifier = Modifier.semantics { contentDescription = label })
                    }
                },
            )
        }
    }
}
