package app.pocdojo.core.ui.room

/** Another participant's cursor in the open file, clamped to its text. */
data class RemoteCursor(
    val sessionId: String,
    val name: String,
    val color: String,
    val anchor: Int,
    val head: Int,
    val typing: Boolean,
)

data class RosterEntry(val participant: Participant, val isSelf: Boolean, val typing: Boolean)

data class RoomUiState(
    val connection: Connection = Connection.CONNECTING,
    /** True once `welcome` arrived (the document may still be syncing). */
    val joined: Boolean = false,
    /** The dojo is over: no room, the screen says so. */
    val finished: Boolean = false,
    val title: String = "",
    val language: String = "typescript",
    val files: List<String> = emptyList(),
    val activeFile: String? = null,
    /** The open file's text. */
    val text: String = "",
    val canEdit: Boolean = false,
    /** Shown to navigators: who drives (null when nobody does). Null banner when [canEdit]. */
    val readOnlyDriverName: String? = null,
    val cursors: List<RemoteCursor> = emptyList(),
    val roster: List<RosterEntry> = emptyList(),
    val chat: List<ChatLine> = emptyList(),
    val chatDraft: String = "",
    val timer: TimerDisplay = TimerDisplay("idle", 0, null),
    val isFacilitator: Boolean = false,
    val driverUserId: String = "",
    /** Participants who can be given the keyboard (one entry per user). */
    val driverCandidates: List<Participant> = emptyList(),
    /** The latest announcements, oldest first (at most five). */
    val announcements: List<Announcement> = emptyList(),
    /** The server refused a local edit and reset the document. */
    val editRefused: Boolean = false,
    /** The last room error code, for the screen's message. */
    val lastError: String? = null,
    /** Requests to drive this person may accept (the driver and facilitators see them; others an empty list). */
    val driveRequests: List<DriveRequest> = emptyList(),
    /** A navigator under the "driver" policy may ask for the keyboard. */
    val canAskToDrive: Boolean = false,
    /** This person's own request is open. */
    val askedToDrive: Boolean = false,
) {
    val showReadOnlyBanner: Boolean get() = joined && !canEdit
    val canChat: Boolean get() = connection == Connection.CONNECTED && chatDraft.isNotBlank()
    val controlsEnabled: Boolean get() = connection == Connection.CONNECTED
}
