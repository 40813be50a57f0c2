package app.pocdojo.android.ui.dojos

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.ui.common.Choice
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.FormField
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.android.ui.common.languageLabel
import app.pocdojo.core.ui.dojos.DojoItem
import app.pocdojo.core.ui.dojos.DojoLanguages
import app.pocdojo.core.ui.dojos.DojoPort
import app.pocdojo.core.ui.dojos.DojosUiState
import app.pocdojo.core.ui.dojos.DojosViewModel

/** The lobby: live, scheduled and finished dojos; join one; create one from a kata. */
@Composable
fun DojosScreen(dojos: DojoPort, onOpenRoom: (String) -> Unit) {
    val vm = coreViewModel { scope -> DojosViewModel(scope, dojos) }
    val state by vm.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.openRoom) {
        state.openRoom?.let {
            vm.roomOpened()
            onOpenRoom(it)
        }
    }
    LazyColumn(
        verticalArrangement = Arrangement.spacedBy(8.dp),
        modifier = Modifier.fillMaxSize().padding(horizontal = 16.dp),
    ) {
        item {
            Text(
                stringResource(R.string.dojos_title),
                style = MaterialTheme.typography.headlineSmall,
                modifier = Modifier.padding(vertical = 12.dp).semantics { heading() },
            )
            if (state.loading) LinearProgressIndicator(Modifier.fillMaxWidth())
            ErrorBanner(state.error)
        }
        section(R.string.dojos_live, state.live, vm::join)
        section(R.string.dojos_scheduled, state.scheduled, vm::join)
        section(R.string.dojos_finished, state.finished, vm::join)
        item { CreateForm(state, vm) }
    }
}

private fun androidx.compose.foundation.lazy.LazyListScope.section(title: Int, dojos: List<DojoItem>, onJoin: (String) -> Unit) {
    item {
        Text(stringResource(title), style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 8.dp).semantics { heading() })
        if (dojos.isEmpty()) Text(stringResource(R.string.common_none), style = MaterialTheme.typography.bodySmall)
    }
    items(dojos, key = { it.id }) { dojo ->
        Card(Modifier.fillMaxWidth()) {
            ListItem(
                headlineContent = { Text(dojo.title) },
                supportingContent = {
                    Text(stringResource(R.string.dojos_summary, languageLabel(dojo.language), dojo.durationMinutes, dojo.rotationMinutes))
                },
                trailingContent = { TextButton(onClick = { onJoin(dojo.id) }) { Text(stringResource(R.string.dojos_join)) } },
            )
        }
    }
}

@Composable
private fun CreateForm(state: DojosUiState, vm: DojosViewModel) {
    val form = state.form
    Column(verticalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.padding(vertical = 16.dp)) {
        Text(stringResource(R.string.dojos_create), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
        ErrorBanner(state.createError)
        FormField(stringResource(R.string.dojo_create_title), form.title, { v -> vm.editForm { it.copy(title = v) } }, field = "title", error = state.createError)
        Choice(
            stringResource(R.string.dojo_create_kata),
            form.kataId,
            listOf<Pair<String?, String>>(null to stringResource(R.string.dojo_create_no_kata)) + state.katas.map { it.id to it.title },
            vm::chooseKata,
        )
        state.selectedKata?.summary?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        val languages = state.selectedKata?.languages?.takeIf { it.isNotEmpty() } ?: DojoLanguages
        Choice(stringResource(R.string.dojo_create_language), form.language, languages.map { it to languageLabel(it) }, { v -> vm.editForm { it.copy(language = v) } })
        FormField(stringResource(R.string.dojo_create_duration), form.durationMinutes, { v -> vm.editForm { it.copy(durationMinutes = v) } },
            field = "durationMinutes", error = state.createError, keyboardType = KeyboardType.Number)
        FormField(stringResource(R.string.dojo_create_rotation), form.rotationMinutes, { v -> vm.editForm { it.copy(rotationMinutes = v) } },
            field = "rotationMinutes", error = state.createError, keyboardType = KeyboardType.Number)
        Choice(
            stringResource(R.string.dojo_create_policy),
            form.editPolicy,
            listOf("driver" to stringResource(R.string.dojo_policy_driver), "everyone" to stringResource(R.string.dojo_policy_everyone)),
            { v -> vm.editForm { it.copy(editPolicy = v) } },
        )
        Button(onClick = vm::create, enabled = state.canCreate, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(if (state.creating) R.string.dojo_create_busy else R.string.dojo_create_submit))
        }
    }
}
