package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.lazy.rememberLazyListState
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.pocdojo.core.ui.room.ChatLine

/** Room chat: the log (newest at the bottom, announced politely) and the composer. */
@Composable
fun ChatPanel(
    messages: List<ChatLine>,
    draft: String,
    canSend: Boolean,
    texts: RoomTexts,
    time: (Long) -> String,
    onDraft: (String) -> Unit,
    onSend: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val log = rememberLazyListState()
    LaunchedEffect(messages.size) { if (messages.isNotEmpty()) log.animateScrollToItem(messages.size - 1) }
    Column(modifier, verticalArrangement = Arrangement.spacedBy(8.dp)) {
        LazyColumn(
            state = log,
            modifier = Modifier.fillMaxWidth().heightIn(max = 360.dp).semantics {
                contentDescription = texts.chat
                liveRegion = LiveRegionMode.Polite
            },
        ) {
            items(messages, key = { it.id }) { m ->
                Column(Modifier.fillMaxWidth()) {
                    Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                        Text(m.name, style = MaterialTheme.typography.labelLarge)
                        Text(time(m.at), style = MaterialTheme.typography.labelSmall)
                    }
                    Text(m.text, style = MaterialTheme.typography.bodyMedium)
                }
            }
        }
        Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedTextField(
                value = draft,
                onValueChange = onDraft,
                label = { Text(texts.chatMessage) },
                placeholder = { Text(texts.chatHint) },
                singleLine = true,
                modifier = Modifier.weight(1f),
            )
            Button(onClick = onSend, enabled = canSend) { Text(texts.chatSend) }
        }
    }
}
