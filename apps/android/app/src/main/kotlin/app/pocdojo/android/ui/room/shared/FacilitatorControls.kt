package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.pocdojo.core.ui.room.Participant

/** What a facilitator can do with the timer and the seats (the engine refuses these from anyone else). */
interface FacilitatorActions {
    fun start()
    fun pause()
    fun resume()
    fun end()
    fun rotate()
    fun makeDriver(userId: String)
    fun remove(userId: String)
    fun closeDojo()
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
fun FacilitatorControls(
    timerStatus: String,
    driverUserId: String,
    candidates: List<Participant>,
    enabled: Boolean,
    texts: RoomTexts,
    actions: FacilitatorActions,
    modifier: Modifier = Modifier,
) {
    var confirmEnd by remember { mutableStateOf(false) }
    Column(modifier, verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(texts.facilitation, style = MaterialTheme.typography.titleSmall, modifier = Modifier.semantics { heading() })
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            when (timerStatus) {
                "idle" -> Button(onClick = actions::start, enabled = enabled) { Text(texts.start) }
                "running" -> Button(onClick = actions::pause, enabled = enabled) { Text(texts.pause) }
                "paused" -> Button(onClick = actions::resume, enabled = enabled) { Text(texts.resume) }
                "ended" -> Button(onClick = actions::closeDojo) { Text(texts.closeDojo) }
            }
            if (timerStatus == "running" || timerStatus == "paused") {
                OutlinedButton(onClick = { confirmEnd = true }, enabled = enabled) { Text(texts.end) }
            }
            OutlinedButton(onClick = actions::rotate, enabled = enabled && candidates.size >= 2) { Text(texts.rotate) }
        }
        for (person in candidates) {
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                TextButton(onClick = { actions.makeDriver(person.userId) }, enabled = enabled && person.userId != driverUserId) {
                    Text(texts.makeDriver(person.name))
                }
                TextButton(onClick = { actions.remove(person.userId) }, enabled = enabled) { Text(texts.remove(person.name)) }
            }
        }
    }
    if (confirmEnd) {
        AlertDialog(
            onDismissRequest = { confirmEnd = false },
            text = { Text(texts.endConfirm) },
            confirmButton = {
                TextButton(onClick = {
                    confirmEnd = false
                    actions.end()
                }) { Text(texts.end) }
            },
            dismissButton = { TextButton(onClick = { confirmEnd = false }) { Text(texts.cancel) } },
        )
    }
}
