package app.pocdojo.core.ui.media

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** Polling interval while a job runs, and the ceiling of the back-off after network errors. */
const val JOB_POLL_MS = 1_000L
const val JOB_POLL_MAX_MS = 10_000L

val ReportFormats: List<String> = listOf("pdf", "csv", "json")
val ReportScopes: List<String> = listOf("tenant", "me")

data class ReportForm(val scope: String, val from: String, val to: String, val format: String)

data class MediaUiState(
    val report: ReportForm,
    val year: String,
    val jobs: List<JobItem> = emptyList(),
    val loading: Boolean = true,
    val requesting: Boolean = false,
    val error: UiError? = null,
) {
    val canRequestVideo: Boolean get() = !requesting && year.trim().toIntOrNull() != null
}

/** What to do with a finished job's file. */
enum class JobAction { OPEN, SHARE }

/** A request to the platform layer to open or share a downloaded result. */
data class JobEffect(val action: JobAction, val job: JobItem)

/**
 * Reports and the yearly video: request, follow every unfinished job until it
 * succeeds or fails (every [JOB_POLL_MS], backing off to [JOB_POLL_MAX_MS] on
 * errors), then open or share the result.
 */
class MediaViewModel(
    private val scope: CoroutineScope,
    private val media: MediaPort,
    /** The current year (the video and the report's default range). */
    currentYear: Int,
) {
    private val _state = MutableStateFlow(
        MediaUiState(
            report = ReportForm("tenant", "$currentYear-01-01", "${currentYear + 1}-01-01", "pdf"),
            year = currentYear.toString(),
        ),
    )
    val state: StateFlow<MediaUiState> = _state.asStateFlow()
    private val _effects = MutableStateFlow<JobEffect?>(null)

    /** The open/share request waiting for the platform layer; it calls [effectHandled]. */
    val effects: StateFlow<JobEffect?> = _effects.asStateFlow()
    private val polling = mutableMapOf<String, Job>()

    init {
        reload()
    }

    fun reload() {
        scope.launch {
            val result = attempt { media.jobs() }
            val jobs = result.getOrNull()
            _state.update { it.copy(jobs = jobs ?: it.jobs, loading = false, error = result.uiError) }
            jobs?.filterNot { it.finished }?.forEach { follow(it.id) }
        }
    }

    fun editReport(change: (ReportForm) -> ReportForm) = _state.update { it.copy(report = change(it.report)) }

    fun onYear(value: String) = _state.update { it.copy(year = value.filter(Char::isDigit).take(4)) }

    fun requestReport() {
        val form = _state.value.report
        request("report") { media.requestReport(form.scope, form.from.trim(), form.to.trim(), form.format) }
    }

    fun requestVideo() {
        val year = _state.value.year.trim().toIntOrNull() ?: return
        request("video") { media.requestVideo(year) }
    }

    fun open(job: JobItem) {
        if (job.resultUrl != null) _effects.value = JobEffect(JobAction.OPEN, job)
    }

    fun share(job: JobItem) {
        if (job.resultUrl != null) _effects.value = JobEffect(JobAction.SHARE, job)
    }

    fun effectHandled() {
        _effects.value = null
    }

    private fun request(kind: String, ask: suspend () -> String) {
        if (_state.value.requesting) return
        _state.update { it.copy(requesting = true, error = null) }
        scope.launch {
            val result = attempt { ask() }
            val id = result.getOrNull()
            _state.update {
                it.copy(
                    requesting = false,
                    error = result.uiError,
                    jobs = if (id == null) it.jobs else listOf(JobItem(id, kind, "queued", 0)) + it.jobs,
                )
            }
            if (id != null) follow(id)
        }
    }

    private fun follow(id: String) {
        if (polling[id]?.isActive == true) return
        polling[id] = scope.launch {
            var wait = JOB_POLL_MS
            while (true) {
                val result = attempt { media.job(id) }
                val job = result.getOrNull()
                if (job != null) {
                    _state.update { s -> s.copy(jobs = s.jobs.map { if (it.id == id) job else it }) }
                    if (job.finished) break
                    wait = JOB_POLL_MS
                } else {
                    wait = (wait * 2).coerceAtMost(JOB_POLL_MAX_MS)
                }
                delay(wait)
            }
            polling.remove(id)
        }
    }
}
