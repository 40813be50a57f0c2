package app.pocdojo.android.ui.room.shared

import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.PrimaryScrollableTabRow
import androidx.compose.material3.Tab
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp

/** One tab per file of the document; the open one is selected. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun FileTabs(files: List<String>, active: String?, label: String, onSelect: (String) -> Unit, modifier: Modifier = Modifier) {
    if (files.isEmpty()) return
    PrimaryScrollableTabRow(
        selectedTabIndex = files.indexOf(active).coerceAtLeast(0),
        edgePadding = 0.dp,
        modifier = modifier.semantics { contentDescription = label },
    ) {
        for (file in files) {
            Tab(selected = file == active, onClick = { onSelect(file) }, text = { Text(file.substringAfterLast('/')) })
        }
    }
}
