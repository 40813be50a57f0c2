package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.shape.CircleShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.pocdojo.core.ui.room.RosterEntry

/** Who is here: colour, name, seat, facilitator role, reconnecting and typing. */
@Composable
fun RosterPanel(roster: List<RosterEntry>, texts: RoomTexts, modifier: Modifier = Modifier) {
    Column(modifier, verticalArrangement = Arrangement.spacedBy(6.dp)) {
        Text(texts.roster(roster.size), style = MaterialTheme.typography.titleSmall, modifier = Modifier.semantics { heading() })
        for (entry in roster) {
            val p = entry.participant
            Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Box(Modifier.size(12.dp).background(participantColor(p.color), CircleShape))
                Text(if (entry.isSelf) texts.you(p.name) else p.name, style = MaterialTheme.typography.bodyMedium)
                Text(texts.seat(p.seat), style = MaterialTheme.typography.labelMedium, color = MaterialTheme.colorScheme.primary)
                if (p.role == "facilitator") Text(texts.facilitator, style = MaterialTheme.typography.labelSmall)
                if (p.connection == "reconnecting") Text(texts.reconnecting, style = MaterialTheme.typography.labelSmall)
                if (entry.typing) Text(texts.typing, style = MaterialTheme.typography.labelSmall)
            }
        }
    }
}
