package app.pocdojo.core.ui.fakes

import app.pocdojo.core.ui.room.RoomPort
import app.pocdojo.core.ui.room.RoomSession
import app.pocdojo.core.ui.room.RoomData
import kotlinx.coroutines.flow.MutableStateFlow

/** A room whose snapshot the test drives, recording what the view model sent. */
class FakeRoomSession(initial: RoomData = RoomData()) : RoomSession, RoomPort {
    override val snapshot = MutableStateFlow(initial)
    val edits = mutableListOf<List<Any>>()
    val presences = mutableListOf<List<Any?>>()
    val chats = mutableListOf<String>()
    val commands = mutableListOf<Pair<String, String?>>()
    var joinedDojo: String? = null
    var left = false

    override fun join(dojoId: String, scope: kotlinx.coroutines.CoroutineScope): RoomSession {
        joinedDojo = dojoId
        return this
    }

    override fun edit(path: String, index: Int, deleteCount: Int, insert: String) {
        edits += listOf(path, index, deleteCount, insert)
        // The core applies local edits to its document at once, so the snapshot follows.
        val text = snapshot.value.files.getValue(path)
        val next = text.substring(0, index) + insert + text.substring(index + deleteCount)
        snapshot.value = snapshot.value.copy(files = snapshot.value.files + (path to next))
    }

    override fun presence(file: String?, anchor: Int?, head: Int?, typing: Boolean) {
        presences += listOf(file, anchor, head, typing)
    }

    override fun chat(text: String) {
        chats += text
    }

    override fun command(action: String, userId: String?) {
        commands += action to userId
    }

    override fun leave() {
        left = true
    }
}
