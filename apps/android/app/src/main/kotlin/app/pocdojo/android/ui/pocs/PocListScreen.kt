package app.pocdojo.android.ui.pocs

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.lazy.rememberLazyListState
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Add
import androidx.compose.material.icons.filled.Clear
import androidx.compose.material.icons.filled.FilterList
import androidx.compose.material.icons.filled.Search
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Card
import androidx.compose.material3.ExtendedFloatingActionButton
import androidx.compose.material3.FilterChip
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.derivedStateOf
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.pluralStringResource
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.withStyle
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.ui.common.Choice
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.FormField
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.android.ui.common.pocStatusLabel
import app.pocdojo.core.ui.pocs.PocFilters
import app.pocdojo.core.ui.pocs.PocListViewModel
import app.pocdojo.core.ui.pocs.PocPort
import app.pocdojo.core.ui.pocs.PocStatuses
import app.pocdojo.core.ui.pocs.PocSummary
import app.pocdojo.core.ui.pocs.parseHighlight

/** The POC registry: the list with filters, or search-as-you-type results with facets. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun PocListScreen(pocs: PocPort, onOpen: (String) -> Unit, onNew: () -> Unit) {
    val vm = coreViewModel { scope -> PocListViewModel(scope, pocs) }
    val state by vm.state.collectAsStateWithLifecycle()
    var showFilters by rememberSaveable { mutableStateOf(false) }
    val list = rememberLazyListState()
    val nearEnd by remember { derivedStateOf { list.layoutInfo.visibleItemsInfo.lastOrNull()?.index == list.layoutInfo.totalItemsCount - 1 } }
    LaunchedEffect(nearEnd) { if (nearEnd) vm.loadMore() }

    Scaffold(
        floatingActionButton = {
            ExtendedFloatingActionButton(
                onClick = onNew,
                icon = { Icon(Icons.Filled.Add, contentDescription = null) },
                text = { Text(stringResource(R.string.pocs_new)) },
            )
        },
    ) { padding ->
        Column(Modifier.fillMaxSize().padding(padding).padding(horizontal = 16.dp)) {
            Text(
                stringResource(R.string.pocs_title),
                style = MaterialTheme.typography.headlineSmall,
                modifier = Modifier.padding(vertical = 12.dp).semantics { heading() },
            )
            Row {
                OutlinedTextField(
                    value = state.query,
                    onValueChange = vm::onQuery,
                    label = { Text(stringResource(R.string.pocs_search)) },
                    placeholder = { Text(stringResource(R.string.pocs_search_hint)) },
                    leadingIcon = { Icon(Icons.Filled.Search, contentDescription = null) },
                    trailingIcon = {
                        if (state.query.isNotEmpty()) {
                            IconButton(onClick = vm::clearQuery) {
                                Icon(Icons.Filled.Clear, contentDescription = stringResource(R.string.pocs_clear_search))
                            }
                        }
                    },
                    singleLine = true,
                    modifier = Modifier.weight(1f),
                )
                if (!state.searchMode) {
                    IconButton(onClick = { showFilters = !showFilters }) {
                        Icon(Icons.Filled.FilterList, contentDescription = stringResource(R.string.pocs_filters))
                    }
                }
            }
            if (showFilters && !state.searchMode) Filters(state.filters, state.members.map { it.id to it.name }, vm::setFilters)
            if (state.searchMode) {
                val search = state.search
                Text(
                    when {
                        state.searching -> stringResource(R.string.pocs_searching)
                        search != null -> pluralStringResource(R.plurals.pocs_results, search.total, search.total)
                        else -> ""
                    },
                    style = MaterialTheme.typography.bodySmall,
                    modifier = Modifier.padding(vertical = 4.dp).semantics { liveRegion = LiveRegionMode.Polite },
                )
                if (search != null) {
                    Facets(stringResource(R.string.pocs_facet_languages), search.languageFacets, state.selectedLanguages, vm::toggleLanguage)
                    Facets(stringResource(R.string.pocs_facet_tags), search.tagFacets, state.selectedTags, vm::toggleTag)
                }
            }
            if (state.loadingList || state.searching) LinearProgressIndicator(Modifier.fillMaxWidth())
            ErrorBanner(state.error, Modifier.padding(vertical = 8.dp))
            if (state.isEmpty) Text(stringResource(R.string.pocs_empty), modifier = Modifier.padding(vertical = 24.dp))
            if (state.searchMode && state.search?.hits?.isEmpty() == true) {
                Text(stringResource(R.string.pocs_no_results), modifier = Modifier.padding(vertical = 24.dp))
            }
            val rows = if (state.searchMode) state.search?.hits.orEmpty() else state.items
            LazyColumn(state = list, verticalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxSize()) {
                items(rows, key = { it.id }) { poc -> PocCard(poc, state.ownerName(poc.ownerId), onClick = { onOpen(poc.id) }) }
            }
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Facets(title: String, counts: Map<String, Int>, selected: Set<String>, onToggle: (String) -> Unit) {
    if (counts.isEmpty()) return
    Text(title, style = MaterialTheme.typography.labelLarge)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
        for ((value, count) in counts.entries.sortedByDescending { it.value }) {
            FilterChip(
                selected = value in selected,
                onClick = { onToggle(value) },
                label = { Text(stringResource(R.string.pocs_facet_value, value, count)) },
            )
        }
    }
}

@Composable
private fun Filters(filters: PocFilters, members: List<Pair<String, String>>, onChange: (PocFilters) -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp), modifier = Modifier.padding(vertical = 8.dp)) {
        FormField(stringResource(R.string.pocs_filter_language), filters.language.orEmpty(), { onChange(filters.copy(language = it.ifBlank { null })) })
        FormField(stringResource(R.string.pocs_filter_tag), filters.tag.orEmpty(), { onChange(filters.copy(tag = it.ifBlank { null })) })
        Choice(
            stringResource(R.string.pocs_filter_status),
            filters.status,
            listOf<Pair<String?, String>>(null to stringResource(R.string.pocs_filter_any)) + PocStatuses.map { it to pocStatusLabel(it) },
            { onChange(filters.copy(status = it)) },
        )
        Choice(
            stringResource(R.string.pocs_filter_owner),
            filters.ownerId,
            listOf<Pair<String?, String>>(null to stringResource(R.string.pocs_filter_anyone)) + members,
            { onChange(filters.copy(ownerId = it)) },
        )
    }
}

/** One POC: name (with search matches in bold), languages, tags, owner and status. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun PocCard(poc: PocSummary, ownerName: String?, onClick: () -> Unit) {
    Card(Modifier.fillMaxWidth().clickable(onClick = onClick)) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            // Highlights are HTML-escaped with <mark>s; plain fields are shown as they are.
            Text(poc.highlight["name"]?.let(::marked) ?: AnnotatedString(poc.name), style = MaterialTheme.typography.titleMedium)
            val description = poc.highlight["description"]?.let(::marked) ?: poc.description?.let(::AnnotatedString)
            if (!description.isNullOrBlank()) Text(description, style = MaterialTheme.typography.bodyMedium, maxLines = 2)
            FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                for (language in poc.languages) AssistChip(onClick = {}, label = { Text(language) })
                for (tag in poc.tags) AssistChip(onClick = {}, label = { Text("#$tag") })
            }
            val meta = listOfNotNull(ownerName?.let { stringResource(R.string.poc_owner, it) }, poc.status?.let { pocStatusLabel(it) })
            if (meta.isNotEmpty()) Text(meta.joinToString(" · "), style = MaterialTheme.typography.bodySmall)
        }
    }
}

private fun marked(html: String): AnnotatedString = buildAnnotatedString {
    for (part in parseHighlight(html)) {
        if (part.marked) withStyle(SpanStyle(fontWeight = FontWeight.Bold)) { append(part.text) } else append(part.text)
    }
}
