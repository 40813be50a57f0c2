package app.pocdojo.android.ui.pocs

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.platform.openUrl
import app.pocdojo.android.ui.common.Choice
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.FormField
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.android.ui.common.pocStatusLabel
import app.pocdojo.core.ui.pocs.PocDetails
import app.pocdojo.core.ui.pocs.PocEditorUiState
import app.pocdojo.core.ui.pocs.PocEditorViewModel
import app.pocdojo.core.ui.pocs.PocPort
import app.pocdojo.core.ui.pocs.PocStatuses

/** One POC: shown read-only, edited in place, or created ([pocId] null); deleted after a confirmation. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun PocDetailScreen(pocs: PocPort, pocId: String?, onBack: () -> Unit, onCreated: (String) -> Unit) {
    val vm = coreViewModel(key = pocId ?: "new") { scope -> PocEditorViewModel(scope, pocs, pocId) }
    val state by vm.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.deleted) { if (state.deleted) onBack() }
    LaunchedEffect(state.createdId) { state.createdId?.takeIf { pocId == null }?.let(onCreated) }

    Scaffold(
        topBar = {
            TopAppBar(
                title = {
                    Text(
                        when {
                            state.poc == null -> stringResource(R.string.poc_new_title)
                            state.editing -> stringResource(R.string.poc_edit_title, state.poc!!.name)
                            else -> state.poc!!.name
                        },
                    )
                },
                navigationIcon = {
                    IconButton(onClick = onBack) {
                        Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = stringResource(R.string.common_back))
                    }
                },
                actions = {
                    if (state.poc != null && !state.editing) {
                        IconButton(onClick = vm::startEditing) {
                            Icon(Icons.Filled.Edit, contentDescription = stringResource(R.string.poc_edit))
                        }
                        IconButton(onClick = vm::askDelete) {
                            Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.common_delete))
                        }
                    }
                },
            )
        },
    ) { padding ->
        Column(
            verticalArrangement = Arrangement.spacedBy(12.dp),
            modifier = Modifier.fillMaxSize().padding(padding).verticalScroll(rememberScrollState()).padding(16.dp),
        ) {
            if (state.loading) {
                val loading = stringResource(R.string.common_loading)
                CircularProgressIndicator(Modifier.semantics { contentDescription = loading })
            }
            if (state.conflict) Conflict(vm::reloadLatest)
            ErrorBanner(state.error)
            val poc = state.poc
            if (state.editing) Form(state, vm) else if (poc != null) PocView(poc)
            if (poc != null && !state.editing) AttachmentsSection(pocs, poc.id)
        }
    }
    if (state.confirmingDelete) {
        AlertDialog(
            onDismissRequest = vm::dismissDelete,
            title = { Text(stringResource(R.string.poc_delete_confirm_title)) },
            text = { Text(stringResource(R.string.poc_delete_confirm, state.poc?.name.orEmpty())) },
            confirmButton = { TextButton(onClick = vm::confirmDelete) { Text(stringResource(R.string.common_delete)) } },
            dismissButton = { TextButton(onClick = vm::dismissDelete) { Text(stringResource(R.string.common_cancel)) } },
        )
    }
}

@Composable
private fun Conflict(onReload: () -> Unit) {
    Surface(
        color = MaterialTheme.colorScheme.tertiaryContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.semantics { liveRegion = LiveRegionMode.Assertive },
    ) {
        Column(Modifier.padding(12.dp)) {
            Text(stringResource(R.string.poc_conflict))
            OutlinedButton(onClick = onReload) { Text(stringResource(R.string.poc_conflict_reload)) }
        }
    }
}

@Composable
private fun PocView(poc: PocDetails) {
    val context = LocalContext.current
    if (poc.description.isNotBlank()) Text(poc.description, style = MaterialTheme.typography.bodyLarge)
    Labelled(stringResource(R.string.poc_languages), poc.languages.joinToString(", "))
    Labelled(stringResource(R.string.poc_tags), poc.tags.joinToString(", "))
    Labelled(stringResource(R.string.poc_status), pocStatusLabel(poc.status))
    poc.startedAt?.let { Labelled(stringResource(R.string.poc_started), it.take(10)) }
    poc.finishedAt?.let { Labelled(stringResource(R.string.poc_finished), it.take(10)) }
    poc.repoUrl?.let { url -> OutlinedButton(onClick = { context.openUrl(url) }) { Text(stringResource(R.string.poc_open_repo)) } }
    Text(stringResource(R.string.poc_version, poc.version, poc.updatedAt.take(16).replace('T', ' ')), style = MaterialTheme.typography.bodySmall)
}

@Composable
private fun Labelled(label: String, value: String) {
    if (value.isBlank()) return
    Column {
        Text(label, style = MaterialTheme.typography.labelMedium)
        Text(value, style = MaterialTheme.typography.bodyMedium)
    }
}

@Composable
private fun Form(state: PocEditorUiState, vm: PocEditorViewModel) {
    val form = state.form
    val error = state.error
    FormField(stringResource(R.string.poc_name), form.name, { v -> vm.edit { it.copy(name = v) } }, field = "name", error = error)
    FormField(stringResource(R.string.poc_description), form.description, { v -> vm.edit { it.copy(description = v) } },
        field = "description", error = error, singleLine = false, minLines = 3)
    FormField(stringResource(R.string.poc_languages), form.languages, { v -> vm.edit { it.copy(languages = v) } },
        field = "languages", error = error, hint = stringResource(R.string.poc_languages_hint))
    FormField(stringResource(R.string.poc_tags), form.tags, { v -> vm.edit { it.copy(tags = v) } },
        field = "tags", error = error, hint = stringResource(R.string.poc_tags_hint))
    FormField(stringResource(R.string.poc_repo_url), form.repoUrl, { v -> vm.edit { it.copy(repoUrl = v) } },
        field = "repoUrl", error = error, keyboardType = KeyboardType.Uri)
    Choice(stringResource(R.string.poc_status), form.status, PocStatuses.map { it to pocStatusLabel(it) }, { v -> vm.edit { it.copy(status = v) } })
    FormField(stringResource(R.string.poc_started), form.startedAt, { v -> vm.edit { it.copy(startedAt = v) } }, field = "startedAt", error = error)
    FormField(stringResource(R.string.poc_finished), form.finishedAt, { v -> vm.edit { it.copy(finishedAt = v) } }, field = "finishedAt", error = error)
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(onClick = vm::save, enabled = state.canSave) {
            Text(stringResource(if (state.saving) R.string.poc_saving else if (state.poc == null) R.string.poc_create else R.string.poc_save))
        }
        if (state.poc != null) TextButton(onClick = vm::cancelEditing) { Text(stringResource(R.string.common_cancel)) }
    }
}
