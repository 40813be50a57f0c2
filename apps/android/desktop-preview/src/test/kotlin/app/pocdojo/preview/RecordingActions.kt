package app.pocdojo.preview

import app.pocdojo.android.ui.room.shared.RoomActions

/** Room actions that remember what the screen asked for. */
class RecordingActions : RoomActions {
    val calls = mutableListOf<String>()
    override fun selectFile(path: String) { calls += "selectFile $path" }
    override fun edit(text: String, anchor: Int, head: Int) { calls += "edit $anchor" }
    override fun select(anchor: Int, head: Int) { calls += "select $anchor $head" }
    override fun chatDraft(text: String) { calls += "chatDraft $text" }
    override fun sendChat() { calls += "sendChat" }
    override fun dismissEditRefused() { calls += "dismissEditRefused" }
    override fun start() { calls += "start" }
    override fun pause() { calls += "pause" }
    override fun resume() { calls += "resume" }
    override fun end() { calls += "end" }
    override fun rotate() { calls += "rotate" }
    override fun makeDriver(userId: String) { calls += "makeDriver $userId" }
    override fun remove(userId: String) { calls += "remove $userId" }
    override fun closeDojo() { calls += "closeDojo" }
    override fun requestDrive() { calls += "requestDrive" }
    override fun acceptDrive(userId: String) { calls += "acceptDrive $userId" }
}
