package app.pocdojo.core.ui.dojos

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The create form as typed; numbers stay text until submitted. */
data class DojoForm(
    val title: String = "",
    val kataId: String? = null,
    val language: String = DojoLanguages.first(),
    val durationMinutes: String = "60",
    val rotationMinutes: String = "7",
    val editPolicy: String = EditPolicies.first(),
) {
    fun toDraft(): DojoDraft? {
        val duration = durationMinutes.trim().toIntOrNull() ?: return null
        val rotation = rotationMinutes.trim().toIntOrNull() ?: return null
        return DojoDraft(title.trim(), kataId, language, duration, rotation, editPolicy, scheduledAt = null)
    }
}

data class DojosUiState(
    val dojos: List<DojoItem> = emptyList(),
    val katas: List<KataItem> = emptyList(),
    val loading: Boolean = true,
    val error: UiError? = null,
    val form: DojoForm = DojoForm(),
    val creating: Boolean = false,
    val createError: UiError? = null,
    /** Set when a room should open (after create or join); the screen navigates and calls [DojosViewModel.roomOpened]. */
    val openRoom: String? = null,
) {
    val live: List<DojoItem> get() = dojos.filter { it.status == "live" }
    val scheduled: List<DojoItem> get() = dojos.filter { it.status == "scheduled" }
    val finished: List<DojoItem> get() = dojos.filter { it.status == "finished" }
    val selectedKata: KataItem? get() = katas.firstOrNull { it.id == form.kataId }
    val canCreate: Boolean get() = !creating && form.title.isNotBlank() && form.toDraft() != null
}

/** The lobby: live, scheduled and finished dojos; create one from a kata; join one. */
class DojosViewModel(private val scope: CoroutineScope, private val dojos: DojoPort) {
    private val _state = MutableStateFlow(DojosUiState())
    val state: StateFlow<DojosUiState> = _state.asStateFlow()

    init {
        reload()
        scope.launch {
            attempt { dojos.katas() }.onSuccess { katas -> _state.update { it.copy(katas = katas) } }
        }
    }

    fun reload() {
        _state.update { it.copy(loading = true, error = null) }
        scope.launch {
            val result = attempt { dojos.dojos() }
            _state.update { it.copy(dojos = result.getOrNull() ?: it.dojos, loading = false, error = result.uiError) }
        }
    }

    fun editForm(change: (DojoForm) -> DojoForm) = _state.update { it.copy(form = change(it.form)) }

    /** Picks a kata; its first language becomes the dojo's when the current one is not among its languages. */
    fun chooseKata(kataId: String?) = _state.update { s ->
        val kata = s.katas.firstOrNull { it.id == kataId }
        val language = if (kata != null && s.form.language !in kata.languages) {
            kata.languages.firstOrNull() ?: s.form.language
        } else {
            s.form.language
        }
        s.copy(form = s.form.copy(kataId = kata?.id, language = language))
    }

    fun create() {
        val current = _state.value
        val draft = current.form.toDraft() ?: return
        if (!current.canCreate) return
        _state.update { it.copy(creating = true, createError = null) }
        scope.launch {
            val result = attempt { dojos.create(draft) }
            val dojo = result.getOrNull()
            _state.update {
                it.copy(
                    creating = false,
                    createError = result.uiError,
                    dojos = if (dojo == null) it.dojos else listOf(dojo) + it.dojos,
                    form = if (dojo == null) it.form else DojoForm(),
                    openRoom = dojo?.id,
                )
            }
        }
    }

    fun join(dojoId: String) = _state.update { it.copy(openRoom = dojoId) }

    fun roomOpened() = _state.update { it.copy(openRoom = null) }
}
