package app.pocdojo.core.ui.room

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow

/** A joined dojo room, over the core's dojo session. */
interface RoomSession {
    val snapshot: StateFlow<RoomData>

    /** A local edit of [path]'s text: delete [deleteCount] UTF-16 units at [index], then insert [insert]. */
    fun edit(path: String, index: Int, deleteCount: Int, insert: String)

    fun presence(file: String?, anchor: Int?, head: Int?, typing: Boolean)

    fun chat(text: String)

    /** A facilitator command: `timer.start`, `timer.pause`, `timer.resume`, `timer.end`, `rotate`, `driver.set`, `participant.remove`. */
    fun command(action: String, userId: String? = null)

    /** Asks for the keyboard (protocol §7.5). */
    fun requestDrive()

    /** Hands the keyboard to [userId], who asked for it (the driver or a facilitator). */
    fun acceptDrive(userId: String)

    /** Leaves on purpose (the server closes with 4000) and releases the connection. */
    fun leave()
}

/** Joins rooms: asks platform-api for a ticket, matchmakes and connects; [scope] bounds the session's life. */
fun interface RoomPort {
    fun join(dojoId: String, scope: CoroutineScope): RoomSession
}
