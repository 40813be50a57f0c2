package app.pocdojo.core.dojo

import app.pocdojo.core.protocol.Announcement
import app.pocdojo.core.protocol.ChatMessage
import app.pocdojo.core.protocol.DriveRequested
import app.pocdojo.core.protocol.ParticipantState
import app.pocdojo.core.protocol.PresenceEntry
import app.pocdojo.core.protocol.RoomSnapshot
import app.pocdojo.core.protocol.TestRun
import app.pocdojo.core.protocol.VoiceMember
import app.pocdojo.core.protocol.Welcome

/** Where the session's connection is. */
sealed interface Connection {
    data object Idle : Connection
    data object Matchmaking : Connection
    data object Connecting : Connection
    /** Welcomed: edits, chat and presence flow. */
    data object Joined : Connection
    /** The socket dropped; the session is getting back in (token first, then a fresh ticket). */
    data class Reconnecting(val attempt: Int, val reason: String) : Connection
    /** Offline on purpose ([DojoSession.suspendConnection]); local edits are kept and merge on resume. */
    data object Suspended : Connection
    /** Over: left, removed, refused. [reason] is for people. */
    data class Closed(val reason: String, val code: Int? = null) : Connection
}

/** Something went wrong; the session goes on unless [Connection.Closed] says otherwise. */
data class SessionError(val kind: Kind, val code: String, val message: String, val ref: String? = null) {
    enum class Kind {
        /** The server's `error` message (docs/protocol.md §11). */
        SERVER,
        /** Bytes that are not the protocol: garbage frames, unknown types, oversized or malformed payloads. */
        PROTOCOL,
        /** Matchmaking refused or unreachable, or the room refused the join. */
        JOIN,
    }
}

/** Everything a dojo screen renders, as one immutable value. */
data class DojoSessionState(
    val connection: Connection = Connection.Idle,
    val me: Welcome? = null,
    val room: RoomSnapshot? = null,
    /** The document: file path → text. */
    val files: Map<String, String> = emptyMap(),
    /** Other clients' and our own cursors, by session id. */
    val presence: Map<String, PresenceEntry> = emptyMap(),
    val chat: List<ChatMessage> = emptyList(),
    /** The latest announcements, oldest first (at most [MAX_KEPT]). */
    val announcements: List<Announcement> = emptyList(),
    /** The latest errors, oldest first (at most [MAX_KEPT]). */
    val errors: List<SessionError> = emptyList(),
    /** Server clock minus local clock at `welcome` (ms): display `timer.endsAt − (now + skew)`. */
    val clockSkewMs: Double = 0.0,
    /** How many times the server replaced our document (`reset`). */
    val resets: Int = 0,
    /** The room's test runs, oldest first, each at its latest status (the traffic lights). */
    val runs: List<TestRun> = emptyList(),
    /** Who is in the dojo's voice channel. */
    val voice: List<VoiceMember> = emptyList(),
    /** Open requests to drive (§7.5), oldest first; cleared when the driver changes. */
    val driveRequests: List<DriveRequested> = emptyList(),
) {
    /** The requests not yet expired on the server's clock (a request holds at most 120 s). */
    fun openDriveRequests(nowMs: Double = System.currentTimeMillis().toDouble()): List<DriveRequested> =
        driveRequests.filter { it.expiresAt > nowMs + clockSkewMs }

    /** The driver and facilitators answer requests to drive. */
    val mayAcceptDriveRequests: Boolean
        get() = me != null && (me.role == "facilitator" || room?.driverUserId == me.userId)

    /** The latest finished run's colour (red, amber, green), or null before any run ends. */
    val trafficLight: String? get() = runs.lastOrNull { it.status == "done" }?.colour

    val lastError: SessionError? get() = errors.lastOrNull()

    val myParticipant: ParticipantState? get() = room?.participants?.firstOrNull { it.sessionId == me?.sessionId }

    /** The edit policy (§10) for us now: everyone, or the driver and facilitators. The editor is read-only otherwise. */
    val canEdit: Boolean
        get() {
            val room = room ?: return false
            val me = me ?: return false
            return room.editPolicy == "everyone" || me.role == "facilitator" || room.driverUserId == me.userId
        }

    /** Milliseconds left on the timer, on the server's clock as corrected by [clockSkewMs]. */
    fun timerRemainingMs(nowMs: Double = System.currentTimeMillis().toDouble()): Double {
        val timer = room?.timer ?: return 0.0
        return if (timer.status == "running") maxOf(0.0, timer.endsAt - (nowMs + clockSkewMs)) else timer.remainingMs
    }

    companion object {
        const val MAX_KEPT = 100
    }
}
