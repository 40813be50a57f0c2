package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.layout.Column
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import app.pocdojo.core.ui.room.TimerDisplay

/** The kata timer (already corrected for the server clock) and the next rotation. */
@Composable
fun TimerPanel(timer: TimerDisplay, texts: RoomTexts, modifier: Modifier = Modifier) {
    Column(modifier) {
        Text(texts.timer, style = MaterialTheme.typography.labelLarge, modifier = Modifier.semantics { heading() })
        Text(
            timer.remainingText,
            style = MaterialTheme.typography.displaySmall,
            modifier = Modifier.clearAndSetSemantics { contentDescription = texts.timerRemaining(timer.remainingText) },
        )
        val status = texts.timerStatus(timer.status)
        Text(
            timer.nextRotationText?.let { "$status · ${texts.nextRotation(it)}" } ?: status,
            style = MaterialTheme.typography.bodySmall,
        )
    }
}
