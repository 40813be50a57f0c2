package app.pocdojo.core.ui.room

/** The room's connection as the banner shows it. */
enum class Connection { CONNECTING, CONNECTED, RECONNECTING, OFFLINE, LEFT, REMOVED, FAILED }

data class TimerSnapshot(
    /** `idle`, `running`, `paused` or `ended`. */
    val status: String = "idle",
    val durationMs: Long = 0,
    /** Remaining when not running; at the last transition when running. */
    val remainingMs: Long = 0,
    /** Server-clock epoch ms when a running timer reaches 0; 0 otherwise. */
    val endsAt: Long = 0,
    /** Server-clock epoch ms of the next automatic rotation while running; 0 otherwise. */
    val nextRotationAt: Long = 0,
)

data class Participant(
    val sessionId: String,
    val userId: String,
    val name: String,
    /** `facilitator` or `participant`. */
    val role: String,
    /** `driver`, `navigator` or `observer`. */
    val seat: String,
    /** `connected` or `reconnecting`. */
    val connection: String,
    /** `#rrggbb`. */
    val color: String,
)

/** Someone's cursor and selection (UTF-16 offsets in [file]'s text). */
data class Presence(
    val sessionId: String,
    val userId: String,
    val name: String,
    val color: String,
    val file: String?,
    val anchor: Int?,
    val head: Int?,
    val typing: Boolean,
)

/** Someone asked to drive; the request lapses at [expiresAt] (server-clock epoch ms) or when the driver changes. */
data class DriveRequest(val userId: String, val name: String, val expiresAt: Long)

data class ChatLine(val id: String, val userId: String, val name: String, val text: String, val at: Long)

/** An `announce` message: [kind] is `rotation`, `timer`, `joined`, `left` or `removed`. */
data class Announcement(
    val kind: String,
    val at: Long,
    /** Rotation: the new driver; joined/left/removed: the person. */
    val name: String? = null,
    /** Timer: its new status. */
    val status: String? = null,
)

/**
 * Everything the dojo session knows, as plain data: the core's `DojoSessionState`
 * mapped by `CoreRoomPort`, so this layer is tested without sockets. Times are server-clock epoch ms.
 */
data class RoomData(
    val connection: Connection = Connection.CONNECTING,
    /** From `welcome`: null until the first one. */
    val userId: String? = null,
    val role: String? = null,
    /** Server clock minus local clock, measured at `welcome`. */
    val clockSkewMs: Long = 0,
    /** Null until the first `state`. */
    val title: String? = null,
    val language: String = "typescript",
    val editPolicy: String = "driver",
    val driverUserId: String = "",
    val rotationMinutes: Int = 0,
    val timer: TimerSnapshot = TimerSnapshot(),
    val participants: List<Participant> = emptyList(),
    /** The document's files: path → text. Empty until the first sync. */
    val files: Map<String, String> = emptyMap(),
    val presence: List<Presence> = emptyList(),
    val chat: List<ChatLine> = emptyList(),
    val announcements: List<Announcement> = emptyList(),
    /** The code of the last room `error` (protocol §11), null when none yet. */
    val lastError: String? = null,
    /** How many times the server replaced the document (`reset`, after a refused edit). */
    val resets: Int = 0,
    /** Open requests to drive (protocol §7.5), oldest first. */
    val driveRequests: List<DriveRequest> = emptyList(),
)
