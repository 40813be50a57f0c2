package app.pocdojo.android.ui.room

import android.text.format.DateFormat
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ExitToApp
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.android.ui.room.shared.DojoRoomContent
import app.pocdojo.android.ui.room.shared.RoomActions
import app.pocdojo.core.ui.dojos.DojoPort
import app.pocdojo.core.ui.room.DojoRoomViewModel
import app.pocdojo.core.ui.room.RoomPort
import java.util.Date

/** The dojo room: the core's room view model, rendered by the shared room composables with Android's strings. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DojoRoomScreen(rooms: RoomPort, dojos: DojoPort, dojoId: String, onBack: () -> Unit) {
    val vm = coreViewModel(key = dojoId, onCleared = DojoRoomViewModel::leave) { scope -> DojoRoomViewModel(scope, rooms, dojos, dojoId) }
    val state by vm.state.collectAsStateWithLifecycle()
    val error by vm.error.collectAsStateWithLifecycle()
    val texts = roomTexts()
    val context = LocalContext.current
    val timeFormat = DateFormat.getTimeFormat(context)

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.nav_dojos)) },
                navigationIcon = {
                    IconButton(onClick = {
                        vm.leave()
                        onBack()
                    }) {
                        Icon(Icons.AutoMirrored.Filled.ExitToApp, contentDescription = stringResource(R.string.room_leave))
                    }
                },
            )
        },
    ) { padding ->
        Column(Modifier.padding(padding)) {
            ErrorBanner(error, Modifier.padding(8.dp))
            if (state.finished) {
                Text(stringResource(R.string.room_finished), modifier = Modifier.padding(16.dp))
            } else {
                DojoRoomContent(state, texts, actions(vm), time = { timeFormat.format(Date(it)) })
            }
        }
    }
}

private fun actions(vm: DojoRoomViewModel) = object : RoomActions {
    override fun selectFile(path: String) = vm.selectFile(path)
    override fun edit(text: String, anchor: Int, head: Int) = vm.onEdit(text, anchor, head)
    override fun select(anchor: Int, head: Int) = vm.onSelection(anchor, head)
    override fun chatDraft(text: String) = vm.onChatDraft(text)
    override fun sendChat() = vm.sendChat()
    override fun dismissEditRefused() = vm.dismissEditRefused()
    override fun start() = vm.startTimer()
    override fun pause() = vm.pauseTimer()
    override fun resume() = vm.resumeTimer()
    override fun end() = vm.endTimer()
    override fun rotate() = vm.rotate()
    override fun makeDriver(userId: String) = vm.makeDriver(userId)
    override fun remove(userId: String) = vm.removeParticipant(userId)
    override fun closeDojo() = vm.closeDojo()
    override fun requestDrive() = vm.requestDrive()
    override fun acceptDrive(userId: String) = vm.acceptDrive(userId)
}
