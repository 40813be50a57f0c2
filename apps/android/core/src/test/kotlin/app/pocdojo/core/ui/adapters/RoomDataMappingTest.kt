package app.pocdojo.core.ui.adapters

import app.pocdojo.core.dojo.DojoSessionState
import app.pocdojo.core.dojo.SessionError
import app.pocdojo.core.protocol.Announcement
import app.pocdojo.core.protocol.ChatMessage
import app.pocdojo.core.protocol.ParticipantState
import app.pocdojo.core.protocol.PresenceEntry
import app.pocdojo.core.protocol.RoomSnapshot
import app.pocdojo.core.protocol.TimerState
import app.pocdojo.core.protocol.Welcome
import app.pocdojo.core.ui.room.Connection
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import app.pocdojo.core.dojo.Connection as SessionConnection

/** The core session's state as the room view model reads it. */
class RoomDataMappingTest {
    private val welcome = Welcome(1, "s1", "ada", "participant", "#aa0000", false, emptyList(), 1_000.0)
    private val room = RoomSnapshot(
        "d1", "FizzBuzz Friday", "python", "fizzbuzz", "everyone", 60.0, 7.0, "ada",
        TimerState("running", 3_600_000.0, 3_600_000.0, 1_700_000_003_600_000.0, 1_700_000_000_420_000.0),
        listOf(ParticipantState("s1", "ada", "Ada", "participant", "driver", "connected", "#aa0000")),
    )

    @Test
    fun `a joined session maps field by field`() {
        val state = DojoSessionState(
            connection = SessionConnection.Joined,
            me = welcome,
            room = room,
            files = mapOf("fizzbuzz.py" to "def f(): pass"),
            presence = mapOf("s2" to PresenceEntry("fizzbuzz.py", 3, 5, true, "s2", "bo", "Bo", "#00aa00")),
            chat = listOf(ChatMessage("c1", "bo", "Bo", "hi", 1_700_000_000_000.5)),
            announcements = listOf(Announcement("rotation", 2.0, reason = "auto", driverUserId = "ada", driverName = "Ada")),
            errors = listOf(SessionError(SessionError.Kind.SERVER, "edit_forbidden", "no")),
            clockSkewMs = -1234.6,
            resets = 2,
        )
        val data = state.toRoomData()
        assertEquals(Connection.CONNECTED, data.connection)
        assertEquals("ada", data.userId)
        assertEquals("FizzBuzz Friday", data.title)
        assertEquals("python", data.language)
        assertEquals("everyone", data.editPolicy)
        assertEquals(7, data.rotationMinutes)
        assertEquals(1_700_000_003_600_000, data.timer.endsAt)
        assertEquals(-1234, data.clockSkewMs)
        assertEquals("Ada", data.participants.single().name)
        assertEquals(5, data.presence.single().head)
        assertEquals(1_700_000_000_000, data.chat.single().at)
        assertEquals("Ada", data.announcements.single().name)
        assertEquals("edit_forbidden", data.lastError)
        assertEquals(2, data.resets)
    }

    @Test
    fun `connection states become what the banner says`() {
        fun of(c: SessionConnection, joined: Boolean = true) =
            DojoSessionState(connection = c, me = welcome.takeIf { joined }).toRoomData().connection
        assertEquals(Connection.CONNECTING, of(SessionConnection.Matchmaking, joined = false))
        assertEquals(Connection.RECONNECTING, of(SessionConnection.Reconnecting(1, "dropped")))
        assertEquals(Connection.OFFLINE, of(SessionConnection.Suspended))
        assertEquals(Connection.REMOVED, of(SessionConnection.Closed("removed", 4100)))
        assertEquals(Connection.LEFT, of(SessionConnection.Closed("left", 4000)))
        assertEquals(Connection.FAILED, of(SessionConnection.Closed("refused", null), joined = false))
        assertEquals(Connection.FAILED, of(SessionConnection.Closed("undecodable", 4002)))
    }
}
