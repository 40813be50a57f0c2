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

/** HTTP status of a stale `If-Match`. */
private const val PRECONDITION_FAILED = 412

data class PocEditorUiState(
    /** Null while creating a new POC. */
    val poc: PocDetails? = null,
    val form: PocForm = PocForm(),
    /** False: the POC is shown read-only; true: the form is open (always true when creating). */
    val editing: Boolean = false,
    val loading: Boolean = false,
    val saving: Boolean = false,
    val error: UiError? = null,
    /** Someone saved a newer version meanwhile; nothing was saved. */
    val conflict: Boolean = false,
    val confirmingDelete: Boolean = false,
    /** The POC was deleted: the screen goes back. */
    val deleted: Boolean = false,
    /** A new POC was created: the screen shows it (its id). */
    val createdId: String? = null,
) {
    val isNew: Boolean get() = poc == null && !loading
    val canSave: Boolean get() = !saving && form.name.isNotBlank()
}

/** Views, creates, edits and deletes one POC; edits carry the version they started from. */
class PocEditorViewModel(
    private val scope: CoroutineScope,
    private val pocs: PocPort,
    /** Null: a new POC. */
    private val pocId: String?,
) {
    private val _state = MutableStateFlow(PocEditorUiState(editing = pocId == null, loading = pocId != null))
    val state: StateFlow<PocEditorUiState> = _state.asStateFlow()

    init {
        if (pocId != null) load(pocId)
    }

    fun edit(change: (PocForm) -> PocForm) = _state.update { it.copy(form = change(it.form)) }

    fun startEditing() = _state.update { it.copy(editing = true) }

    fun cancelEditing() = _state.update { s ->
        if (s.poc == null) s else s.copy(editing = false, form = PocForm.of(s.poc), error = null, conflict = false)
    }

    fun save() {
        val current = _state.value
        if (!current.canSave) return
        _state.update { it.copy(saving = true, error = null) }
        scope.launch {
            val draft = current.form.toDraft()
            val poc = current.poc
            val result = attempt { if (poc == null) pocs.create(draft) else pocs.update(poc.id, poc.version, draft) }
            val error = result.uiError
            _state.update { s ->
                when {
                    error is UiError.Problem && error.status == PRECONDITION_FAILED ->
                        s.copy(saving = false, conflict = true)
                    error != null -> s.copy(saving = false, error = error)
                    else -> {
                        val saved = result.getOrThrow()
                        s.copy(
                            poc = saved,
                            form = PocForm.of(saved),
                            saving = false,
                            editing = false,
                            conflict = false,
                            createdId = if (poc == null) saved.id else s.createdId,
                        )
                    }
                }
            }
        }
    }

    /** After a conflict: drops the local changes and shows the version on the server, form still open. */
    fun reloadLatest() {
        val id = _state.value.poc?.id ?: return
        load(id, keepEditing = true)
    }

    fun askDelete() = _state.update { it.copy(confirmingDelete = it.poc != null) }

    fun dismissDelete() = _state.update { it.copy(confirmingDelete = false) }

    fun confirmDelete() {
        val poc = _state.value.poc ?: return
        _state.update { it.copy(confirmingDelete = false, saving = true, error = null) }
        scope.launch {
            val result = attempt { pocs.delete(poc.id, poc.version) }
            val error = result.uiError
            _state.update {
                if (error is UiError.Problem && error.status == PRECONDITION_FAILED) {
                    it.copy(saving = false, conflict = true)
                } else {
                    it.copy(saving = false, error = error, deleted = result.isSuccess)
                }
            }
        }
    }

    private fun load(id: String, keepEditing: Boolean = false) {
        _state.update { it.copy(loading = true, error = null) }
        scope.launch {
            val result = attempt { pocs.get(id) }
            _state.update { s ->
                val poc = result.getOrNull()
                if (poc == null) {
                    s.copy(loading = false, error = result.uiError)
                } else {
                    s.copy(
                        poc = poc,
                        form = PocForm.of(poc),
                        loading = false,
                        conflict = false,
                        editing = keepEditing && s.editing,
                    )
                }
            }
        }
    }
}
