package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.dojo.DojoSession
import app.pocdojo.core.dojo.DojoSessionState
import app.pocdojo.core.dojo.TicketSource
import app.pocdojo.core.protocol.CommandAction
import app.pocdojo.core.ui.room.Announcement
import app.pocdojo.core.ui.room.ChatLine
import app.pocdojo.core.ui.room.Connection
import app.pocdojo.core.ui.room.DriveRequest
import app.pocdojo.core.ui.room.Participant
import app.pocdojo.core.ui.room.Presence
import app.pocdojo.core.ui.room.RoomData
import app.pocdojo.core.ui.room.RoomPort
import app.pocdojo.core.ui.room.RoomSession
import app.pocdojo.core.ui.room.TimerSnapshot
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.stateIn
import app.pocdojo.core.dojo.Connection as SessionConnection

/** Close code of a participant removed by a facilitator (protocol §9). */
private const val REMOVED = 4100

/** Rooms over the core's [DojoSession]: one session per join, a fresh ticket from [PlatformApi] per matchmaking. */
class CoreRoomPort(private val platform: PlatformApi) : RoomPort {
    override fun join(dojoId: String, scope: CoroutineScope): RoomSession {
        val session = DojoSession(TicketSource { platform.dojoTicket(dojoId) }, platform.http, parentScope = scope)
        session.connect()
        return Room(session, scope)
    }

    private class Room(private val session: DojoSession, scope: CoroutineScope) : RoomSession {
        override val snapshot: StateFlow<RoomData> =
            session.state.map { it.toRoomData() }.stateIn(scope, SharingStarted.Eagerly, RoomData())

        override fun edit(path: String, index: Int, deleteCount: Int, insert: String) =
            session.splice(path, index.toLong(), deleteCount.toLong(), insert)

        override fun presence(file: String?, anchor: Int?, head: Int?, typing: Boolean) =
            session.setPresence(file, anchor?.toLong(), head?.toLong(), typing)

        override fun chat(text: String) = session.chat(text)

        override fun command(action: String, userId: String?) {
            val known = CommandAction.entries.firstOrNull { it.wire == action } ?: return
            session.command(known, userId)
        }

        override fun requestDrive() = session.requestDrive()

        override fun acceptDrive(userId: String) = session.acceptDrive(userId)

        override fun leave() = session.leave()
    }
}

/** The session's state as the room view model reads it. */
internal fun DojoSessionState.toRoomData(): RoomData = RoomData(
    connection = when (val c = connection) {
        SessionConnection.Idle, SessionConnection.Matchmaking, SessionConnection.Connecting -> Connection.CONNECTING
        SessionConnection.Joined -> Connection.CONNECTED
        is SessionConnection.Reconnecting -> Connection.RECONNECTING
        SessionConnection.Suspended -> Connection.OFFLINE
        is SessionConnection.Closed -> when (c.code) {
            REMOVED -> Connection.REMOVED
            null, 1000, 4000 -> if (me == null) Connection.FAILED else Connection.LEFT
            else -> Connection.FAILED
        }
    },
    userId = me?.userId,
    role = me?.role,
    clockSkewMs = clockSkewMs.toLong(),
    title = room?.title,
    language = room?.language ?: "typescript",
    editPolicy = room?.editPolicy ?: "driver",
    driverUserId = room?.driverUserId.orEmpty(),
    rotationMinutes = room?.rotationMinutes?.toInt() ?: 0,
    timer = room?.timer?.let {
        TimerSnapshot(it.status, it.durationMs.toLong(), it.remainingMs.toLong(), it.endsAt.toLong(), it.nextRotationAt.toLong())
    } ?: TimerSnapshot(),
    participants = room?.participants.orEmpty().map {
        Participant(it.sessionId, it.userId, it.name, it.role, it.seat, it.connection, it.color)
    },
    files = files,
    presence = presence.values.map {
        Presence(it.sessionId, it.userId, it.name, it.color, it.file, it.anchor?.toInt(), it.head?.toInt(), it.typing)
    },
    chat = chat.map { ChatLine(it.id, it.userId, it.name, it.text, it.at.toLong()) },
    announcements = announcements.map { Announcement(it.kind, it.at.toLong(), it.driverName ?: it.name, it.status) },
    lastError = lastError?.code,
    driveRequests = driveRequests.map { DriveRequest(it.userId, it.name, it.expiresAt.toLong()) },
    resets = resets,
)
