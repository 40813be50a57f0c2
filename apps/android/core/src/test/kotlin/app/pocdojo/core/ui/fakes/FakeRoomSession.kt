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
    /** False: edits wait in [pending] until [applyPending], as the real session applies them on its own loop. */
    var applyEdits = true
    private val pending = mutableListOf<List<Any>>()
    var joinedDojo: String? = null
    var left = false

    override fun join(dojoId: String, scope: kotlinx.coroutines.CoroutineScope): RoomSession {
        joinedDojo = dojoId
        return this
    }

    override fun edit(path: String, index: Int, deleteCount: Int, insert: String) {
        edits += listOf(path, index, deleteCount, insert)
        pending += listOf(path, index, deleteCount, insert)
        if (applyEdits) applyPending()
    }

    fun applyPending() {
        for ((path, index, deleteCount, insert) in pending) {
            val text = snapshot.value.files.getValue(path as String)
            val next = text.substring(0, index as Int) + insert + text.substring(index + deleteCount as Int)
            snapshot.value = snapshot.value.copy(files = snapshot.value.files + (path to next))
        }
        pending.clear()
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

    val driveRequests = mutableListOf<String>()
    val driveAccepts = mutableListOf<String>()

    override fun requestDrive() {
        driveRequests += "request"
    }

    override fun acceptDrive(userId: String) {
        driveAccepts += userId
    }

    override fun leave() {
        left = true
    }
}
