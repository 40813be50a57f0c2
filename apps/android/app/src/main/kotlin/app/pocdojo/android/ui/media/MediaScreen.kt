package app.pocdojo.android.ui.media

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.platform.openUrl
import app.pocdojo.android.platform.shareDownload
import app.pocdojo.android.ui.common.Choice
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.FormField
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.ui.media.JobAction
import app.pocdojo.core.ui.media.JobItem
import app.pocdojo.core.ui.media.MediaPort
import app.pocdojo.core.ui.media.MediaViewModel
import app.pocdojo.core.ui.media.ReportFormats
import kotlinx.coroutines.launch
import java.time.Year

/** Reports and the yearly video: request, watch the progress, then open or share the file. */
@Composable
fun MediaScreen(media: MediaPort, platform: PlatformApi) {
    val vm = coreViewModel { scope -> MediaViewModel(scope, media, Year.now().value) }
    val state by vm.state.collectAsStateWithLifecycle()
    val effect by vm.effects.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val shareTitle = stringResource(R.string.media_share)
    LaunchedEffect(effect) {
        val request = effect ?: return@LaunchedEffect
        vm.effectHandled()
        val job = request.job
        val url = job.resultUrl ?: return@LaunchedEffect
        val type = job.resultContentType ?: "application/octet-stream"
        when (request.action) {
            JobAction.OPEN -> context.openUrl(url, type)
            JobAction.SHARE -> scope.launch {
                runCatching { context.shareDownload(platform, url, fileName(job), type, shareTitle) }
            }
        }
    }

    LazyColumn(verticalArrangement = Arrangement.spacedBy(12.dp), modifier = Modifier.fillMaxSize().padding(horizontal = 16.dp)) {
        item {
            Text(stringResource(R.string.media_title), style = MaterialTheme.typography.headlineSmall,
                modifier = Modifier.padding(vertical = 12.dp).semantics { heading() })
            ErrorBanner(state.error)
        }
        item {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(stringResource(R.string.media_report), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                Choice(
                    stringResource(R.string.media_scope),
                    state.report.scope,
                    listOf("tenant" to stringResource(R.string.media_scope_tenant), "me" to stringResource(R.string.media_scope_me)),
                    { v -> vm.editReport { it.copy(scope = v) } },
                )
                FormField(stringResource(R.string.media_from), state.report.from, { v -> vm.editReport { it.copy(from = v) } }, field = "from", error = state.error)
                FormField(stringResource(R.string.media_to), state.report.to, { v -> vm.editReport { it.copy(to = v) } }, field = "to", error = state.error)
                Choice(stringResource(R.string.media_format), state.report.format, ReportFormats.map { it to it.uppercase() }, { v -> vm.editReport { it.copy(format = v) } })
                Button(onClick = vm::requestReport, enabled = !state.requesting) { Text(stringResource(R.string.media_request_report)) }
            }
        }
        item {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(stringResource(R.string.media_video), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                Text(stringResource(R.string.media_video_explain), style = MaterialTheme.typography.bodySmall)
                FormField(stringResource(R.string.media_year), state.year, vm::onYear, field = "year", error = state.error, keyboardType = KeyboardType.Number)
                Button(onClick = vm::requestVideo, enabled = state.canRequestVideo) { Text(stringResource(R.string.media_request_video)) }
            }
        }
        item {
            Text(stringResource(R.string.media_jobs), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
            if (!state.loading && state.jobs.isEmpty()) Text(stringResource(R.string.media_no_jobs))
        }
        items(state.jobs, key = { it.id }) { job -> JobCard(job, onOpen = { vm.open(job) }, onShare = { vm.share(job) }) }
    }
}

@Composable
private fun JobCard(job: JobItem, onOpen: () -> Unit, onShare: () -> Unit) {
    val label = stringResource(if (job.kind == "video") R.string.media_job_video else R.string.media_job_report, job.id.take(8))
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(label, style = MaterialTheme.typography.titleSmall)
            Text(
                when (job.status) {
                    "queued" -> stringResource(R.string.media_job_queued, job.progress)
                    "running" -> stringResource(R.string.media_job_running, job.progress)
                    "succeeded" -> stringResource(R.string.media_job_succeeded)
                    else -> job.error ?: stringResource(R.string.media_job_failed)
                },
                modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
            )
            if (!job.finished) {
                val progressLabel = stringResource(R.string.media_job_progress, label)
                LinearProgressIndicator(
                    progress = { job.progress / 100f },
                    modifier = Modifier.fillMaxWidth().semantics { contentDescription = progressLabel },
                )
            }
            if (job.status == "succeeded" && job.resultUrl != null) {
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = onOpen) { Text(stringResource(R.string.media_open)) }
                    val shareLabel = stringResource(R.string.media_share_title, label)
                    OutlinedButton(onClick = onShare, modifier = Modifier.semantics { contentDescription = shareLabel }) {
                        Text(stringResource(R.string.media_share))
                    }
                }
            }
        }
    }
}

private fun fileName(job: JobItem): String {
    val extension = when (job.resultContentType) {
        "application/pdf" -> "pdf"
        "text/csv" -> "csv"
        "application/json" -> "json"
        "video/mp4" -> "mp4"
        else -> "bin"
    }
    return "pocdojo-${job.kind}-${job.id.take(8)}.$extension"
}
