package app.pocdojo.core.ui.pocs

import app.pocdojo.core.ui.common.SEARCH_DEBOUNCE_MS
import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.FlowPreview
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.launchIn
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.mapLatest
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

data class PocListUiState(
    /** What the search box shows (not debounced). */
    val query: String = "",
    val filters: PocFilters = PocFilters(),
    val members: List<MemberItem> = emptyList(),
    // List mode (empty query): pages appended as the user scrolls.
    val items: List<PocSummary> = emptyList(),
    val nextCursor: String? = null,
    val loadingList: Boolean = false,
    // Search mode (non-empty query).
    val search: PocSearch? = null,
    val selectedLanguages: Set<String> = emptySet(),
    val selectedTags: Set<String> = emptySet(),
    val searching: Boolean = false,
    val error: UiError? = null,
) {
    val searchMode: Boolean get() = query.isNotBlank()
    val canLoadMore: Boolean get() = !searchMode && nextCursor != null && !loadingList
    val isEmpty: Boolean get() = !searchMode && !loadingList && items.isEmpty() && error == null

    fun ownerName(id: String?): String? = members.firstOrNull { it.id == id }?.name
}

/**
 * The POC registry. With an empty search box: the filtered list with cursor
 * pagination. Typing switches to typo-tolerant search with facets, asked
 * [SEARCH_DEBOUNCE_MS] after the last keystroke; a newer query cancels an older one.
 */
@OptIn(FlowPreview::class, ExperimentalCoroutinesApi::class)
class PocListViewModel(private val scope: CoroutineScope, private val pocs: PocPort) {
    private val _state = MutableStateFlow(PocListUiState())
    val state: StateFlow<PocListUiState> = _state.asStateFlow()

    private val query = MutableStateFlow("")
    private val facets = MutableStateFlow(Pair(emptySet<String>(), emptySet<String>()))
    private var listJob: Job? = null

    init {
        scope.launch { attempt { pocs.members() }.onSuccess { m -> _state.update { it.copy(members = m) } } }
        combine(query.debounce(SEARCH_DEBOUNCE_MS).map { it.trim() }.distinctUntilChanged(), facets) { q, f -> q to f }
            .mapLatest { (q, f) ->
                if (q.isEmpty()) {
                    _state.update { it.copy(search = null, searching = false) }
                    reload()
                } else {
                    _state.update { it.copy(searching = true) }
                    val result = attempt { pocs.search(q, f.first, f.second) }
                    _state.update {
                        it.copy(search = result.getOrNull() ?: it.search, searching = false, error = result.uiError)
                    }
                }
            }
            .launchIn(scope)
    }

    fun onQuery(text: String) {
        _state.update { it.copy(query = text) }
        query.value = text
    }

    fun clearQuery() = onQuery("")

    fun toggleLanguage(value: String) {
        _state.update { it.copy(selectedLanguages = it.selectedLanguages.toggle(value)) }
        facets.value = _state.value.selectedLanguages to _state.value.selectedTags
    }

    fun toggleTag(value: String) {
        _state.update { it.copy(selectedTags = it.selectedTags.toggle(value)) }
        facets.value = _state.value.selectedLanguages to _state.value.selectedTags
    }

    fun setFilters(filters: PocFilters) {
        _state.update { it.copy(filters = filters) }
        if (!_state.value.searchMode) reload()
    }

    /** Loads the first page again (pull to refresh, filters changed, back from an edit). */
    fun reload() = loadPage(null)

    fun loadMore() {
        val current = _state.value
        if (current.canLoadMore) loadPage(current.nextCursor)
    }

    private fun loadPage(cursor: String?) {
        listJob?.cancel()
        _state.update { it.copy(loadingList = true, error = null) }
        val filters = _state.value.filters
        listJob = scope.launch {
            val result = attempt { pocs.list(filters, cursor) }
            _state.update { s ->
                val page = result.getOrNull()
                s.copy(
                    items = if (page == null) s.items else if (cursor == null) page.items else s.items + page.items,
                    nextCursor = if (page == null) s.nextCursor else page.nextCursor,
                    loadingList = false,
                    error = result.uiError,
                )
            }
        }
    }

    private fun Set<String>.toggle(value: String) = if (value in this) this - value else this + value
}
