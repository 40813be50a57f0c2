package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.pocdojo.core.ui.room.DriveRequest

/** What the request-to-drive panel can ask for. */
interface DriveActions {
    fun requestDrive()
    fun acceptDrive(userId: String)
}

/**
 * Request to drive (protocol §7.5): a navigator asks for the keyboard; the driver and facilitators see each
 * open request with Accept. Nothing is drawn when there is nothing to ask or answer.
 */
@Composable
fun DriveRequestsPanel(
    requests: List<DriveRequest>,
    canAsk: Boolean,
    asked: Boolean,
    texts: RoomTexts,
    actions: DriveActions,
    modifier: Modifier = Modifier,
) {
    if (!canAsk && requests.isEmpty()) return
    Column(modifier, verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(texts.driveRequests, style = MaterialTheme.typography.titleSmall, modifier = Modifier.semantics { heading() })
        if (canAsk) {
            OutlinedButton(onClick = actions::requestDrive, enabled = !asked) {
                Text(if (asked) texts.driveAsked else texts.driveAsk)
            }
        }
        for (request in requests) {
            Row(Modifier.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically) {
                Text(texts.driveWants(request.name), modifier = Modifier.weight(1f))
                val label = texts.driveAcceptLabel(request.name)
                TextButton(onClick = { actions.acceptDrive(request.userId) }, modifier = Modifier.semantics { contentDescription = label }) {
                    Text(texts.driveAccept)
                }
            }
        }
    }
}
