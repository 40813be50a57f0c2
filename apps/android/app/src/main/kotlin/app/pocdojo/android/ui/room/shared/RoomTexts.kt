package app.pocdojo.android.ui.room.shared

import app.pocdojo.core.ui.room.Announcement
import app.pocdojo.core.ui.room.Connection

/**
 * Every text of the dojo room, already translated. The room's composables take
 * it instead of reading Android resources, so the same files compile for the
 * desktop JVM too (apps/android/desktop-preview); the Android screen fills it
 * from strings.xml.
 */
data class RoomTexts(
    val connection: (Connection) -> String?,
    val readOnly: (driverName: String?) -> String,
    val editRefused: String,
    val editor: (file: String) -> String,
    val remoteCursor: (name: String) -> String,
    val remoteTyping: (name: String) -> String,
    val roster: (count: Int) -> String,
    val you: (name: String) -> String,
    val seat: (seat: String) -> String,
    val facilitator: String,
    val reconnecting: String,
    val typing: String,
    val chat: String,
    val chatMessage: String,
    val chatHint: String,
    val chatSend: String,
    val timer: String,
    val timerRemaining: (clock: String) -> String,
    val timerStatus: (status: String) -> String,
    val nextRotation: (clock: String) -> String,
    val facilitation: String,
    val start: String,
    val pause: String,
    val resume: String,
    val end: String,
    val endConfirm: String,
    val rotate: String,
    val makeDriver: (name: String) -> String,
    val driveRequests: String,
    val driveAsk: String,
    val driveAsked: String,
    val driveWants: (name: String) -> String,
    val driveAccept: String,
    val driveAcceptLabel: (name: String) -> String,
    val remove: (name: String) -> String,
    val closeDojo: String,
    val announcement: (Announcement) -> String,
    val files: String,
    val tabCode: String,
    val tabPeople: String,
    val tabChat: String,
    val cancel: String,
    val joining: String,
    val finished: String,
)
