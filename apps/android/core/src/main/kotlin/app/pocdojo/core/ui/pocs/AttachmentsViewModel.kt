package app.pocdojo.core.ui.pocs

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

data class AttachmentsUiState(
    val items: List<AttachmentItem> = emptyList(),
    val loading: Boolean = true,
    /** The file being uploaded now, if any. */
    val uploading: String? = null,
    val error: UiError? = null,
)

/**
 * A POC's files: uploads go straight to object storage through presigned PUTs,
 * downloads through the presigned URLs of the listing. Those URLs live five
 * minutes, so opening a file re-reads the list first when it is older than [urlLifetimeMs].
 */
class AttachmentsViewModel(
    private val scope: CoroutineScope,
    private val pocs: PocPort,
    private val pocId: String,
    private val now: () -> Long = System::currentTimeMillis,
    private val urlLifetimeMs: Long = 4 * 60_000,
) {
    private val _state = MutableStateFlow(AttachmentsUiState())
    val state: StateFlow<AttachmentsUiState> = _state.asStateFlow()
    private var listedAt = Long.MIN_VALUE / 2

    init {
        reload()
    }

    fun reload() {
        _state.update { it.copy(loading = true) }
        scope.launch { refresh() }
    }

    /** Uploads the picked files one after the other; stops at the first failure. */
    fun upload(files: List<LocalFile>) {
        if (files.isEmpty()) return
        scope.launch {
            _state.update { it.copy(error = null) }
            for (file in files) {
                _state.update { it.copy(uploading = file.fileName) }
                val result = attempt { pocs.upload(pocId, file) }
                if (result.isFailure) {
                    _state.update { it.copy(error = result.uiError) }
                    break
                }
            }
            _state.update { it.copy(uploading = null) }
            refresh(keepError = true)
        }
    }

    /** Hands [open] the attachment with a download URL that is still valid. */
    fun open(attachmentId: String, open: (AttachmentItem) -> Unit) {
        scope.launch {
            if (now() - listedAt > urlLifetimeMs) refresh()
            _state.value.items.firstOrNull { it.id == attachmentId }?.let(open)
        }
    }

    private suspend fun refresh(keepError: Boolean = false) {
        val result = attempt { pocs.attachments(pocId) }
        if (result.isSuccess) listedAt = now()
        _state.update { s ->
            s.copy(
                items = result.getOrNull() ?: s.items,
                loading = false,
                error = result.uiError ?: s.error.takeIf { keepError },
            )
        }
    }
}
