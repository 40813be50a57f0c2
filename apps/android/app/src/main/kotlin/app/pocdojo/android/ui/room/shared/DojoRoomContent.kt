package app.pocdojo.android.ui.room.shared

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.PrimaryTabRow
import androidx.compose.material3.Surface
import androidx.compose.material3.Tab
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.pocdojo.core.ui.room.RoomUiState

/** Everything the room does, as callbacks: the Android screen wires them to the core's view model. */
interface RoomActions : FacilitatorActions, DriveActions {
    fun selectFile(path: String)
    fun edit(text: String, anchor: Int, head: Int)
    fun select(anchor: Int, head: Int)
    fun chatDraft(text: String)
    fun sendChat()
    fun dismissEditRefused()
}

/**
 * The dojo room on a phone: title, connection and timer on top; three tabs —
 * the code (file tabs, read-only banner, editor), the people (roster and, for
 * facilitators, the controls) and the chat with the latest announcements.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DojoRoomContent(
    state: RoomUiState,
    texts: RoomTexts,
    actions: RoomActions,
    time: (Long) -> String,
    modifier: Modifier = Modifier,
    initialTab: Int = 0,
) {
    var tab by rememberSaveable { mutableIntStateOf(initialTab) }
    Column(modifier.fillMaxSize()) {
        Row(Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 8.dp), horizontalArrangement = Arrangement.SpaceBetween) {
            Text(state.title, style = MaterialTheme.typography.titleLarge, modifier = Modifier.weight(1f).semantics { heading() })
            TimerPanel(state.timer, texts)
        }
        texts.connection(state.connection)?.let { Banner(it, MaterialTheme.colorScheme.secondaryContainer) }
        if (state.editRefused) {
            Banner(texts.editRefused, MaterialTheme.colorScheme.errorContainer) {
                TextButton(onClick = actions::dismissEditRefused) { Text(texts.cancel) }
            }
        }
        PrimaryTabRow(selectedTabIndex = tab) {
            Tab(selected = tab == 0, onClick = { tab = 0 }, text = { Text(texts.tabCode) })
            Tab(selected = tab == 1, onClick = { tab = 1 }, text = { Text(texts.tabPeople) })
            Tab(selected = tab == 2, onClick = { tab = 2 }, text = { Text(texts.tabChat) })
        }
        when (tab) {
            0 -> Column(Modifier.fillMaxSize()) {
                FileTabs(state.files, state.activeFile, texts.files, actions::selectFile)
                if (state.showReadOnlyBanner) Banner(texts.readOnly(state.readOnlyDriverName), MaterialTheme.colorScheme.tertiaryContainer)
                val file = state.activeFile
                if (file == null) {
                    Text(texts.joining, modifier = Modifier.padding(16.dp))
                } else {
                    CodeEditor(
                        path = file,
                        text = state.text,
                        language = state.language,
                        readOnly = !state.canEdit,
                        cursors = state.cursors,
                        texts = texts,
                        onEdit = actions::edit,
                        onSelection = actions::select,
                        modifier = Modifier.weight(1f).verticalScroll(rememberScrollState()),
                    )
                }
            }
            1 -> Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
                DriveRequestsPanel(state.driveRequests, state.canAskToDrive, state.askedToDrive, texts, actions)
                RosterPanel(state.roster, texts)
                if (state.isFacilitator) {
                    FacilitatorControls(state.timer.status, state.driverUserId, state.driverCandidates, state.controlsEnabled, texts, actions)
                }
            }
            else -> Column(Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                for (announcement in state.announcements) {
                    Text(texts.announcement(announcement), style = MaterialTheme.typography.bodySmall)
                }
                ChatPanel(state.chat, state.chatDraft, state.canChat, texts, time, actions::chatDraft, actions::sendChat)
            }
        }
    }
}

@Composable
private fun Banner(text: String, color: androidx.compose.ui.graphics.Color, action: @Composable () -> Unit = {}) {
    Surface(color = color, modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite }) {
        Row(Modifier.padding(horizontal = 16.dp, vertical = 8.dp)) {
            Text(text, style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f))
            action()
        }
    }
}
