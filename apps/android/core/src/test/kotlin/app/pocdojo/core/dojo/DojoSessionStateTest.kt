package app.pocdojo.core.dojo

import app.pocdojo.core.protocol.CloseAction
import app.pocdojo.core.protocol.DojoCloseCode
import app.pocdojo.core.protocol.ParticipantState
import app.pocdojo.core.protocol.RoomSnapshot
import app.pocdojo.core.protocol.TimerState
import app.pocdojo.core.protocol.Welcome
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class DojoSessionStateTest {
    private fun welcome(userId: String, role: String) = Welcome(1, "s-$userId", userId, role, "#000000", false, emptyList(), 0.0)

    private fun room(policy: String, driver: String, timer: TimerState = TimerState("idle", 60_000.0, 60_000.0, 0.0, 0.0)) = RoomSnapshot(
        "d", "t", "typescript", "", policy, 1.0, 1.0, driver, timer,
        listOf(ParticipantState("s-bob", "bob", "Bob", "participant", "navigator", "connected", "#111111")),
    )

    @Test
    fun `the edit policy decides canEdit, everyone or the driver and facilitators`() {
        assertTrue(DojoSessionState(me = welcome("bob", "participant"), room = room("everyone", "carol")).canEdit)
        assertFalse(DojoSessionState(me = welcome("bob", "participant"), room = room("driver", "carol")).canEdit)
        assertTrue(DojoSessionState(me = welcome("bob", "participant"), room = room("driver", "bob")).canEdit)
        assertTrue(DojoSessionState(me = welcome("ada", "facilitator"), room = room("driver", "carol")).canEdit)
        assertFalse(DojoSessionState().canEdit, "nothing is editable before the room is known")
        assertEquals("navigator", DojoSessionState(me = welcome("bob", "participant"), room = room("driver", "carol")).myParticipant?.seat)
    }

    @Test
    fun `the timer counts down on the server clock corrected by the skew`() {
        val running = room("everyone", "", TimerState("running", 60_000.0, 60_000.0, 1_000_000.0, 0.0))
        // The server's clock is 5 s ahead of ours: at local 990_000 it is 995_000 there, 5 s remain.
        assertEquals(5_000.0, DojoSessionState(room = running, clockSkewMs = 5_000.0).timerRemainingMs(990_000.0))
        assertEquals(0.0, DojoSessionState(room = running).timerRemainingMs(2_000_000.0))
        assertEquals(60_000.0, DojoSessionState(room = room("everyone", "")).timerRemainingMs(0.0))
    }

    @Test
    fun `close codes map to reconnecting, matchmaking again or stopping`() {
        assertEquals(CloseAction.RECONNECT, DojoCloseCode.actionFor(1006))
        assertEquals(CloseAction.RECONNECT, DojoCloseCode.actionFor(1001))
        assertEquals(CloseAction.MATCHMAKE_AGAIN, DojoCloseCode.actionFor(4001))
        assertEquals(CloseAction.MATCHMAKE_AGAIN, DojoCloseCode.actionFor(4003))
        assertEquals(CloseAction.STOP, DojoCloseCode.actionFor(4100))
        assertEquals(CloseAction.STOP, DojoCloseCode.actionFor(4002))
        assertEquals(CloseAction.NONE, DojoCloseCode.actionFor(4000))
    }

    @Test
    fun `socket URLs follow the seat, and a reconnection carries the token`() {
        val seat = Seat("dojo", "S1", "R1", "P1", null)
        assertEquals("ws://127.0.0.1:2567/P1/R1?sessionId=S1", Matchmaker.socketUrl("http://127.0.0.1:2567", seat))
        assertEquals(
            "wss://10.0.0.7:443/P1/R1?sessionId=S1&reconnectionToken=T&skipHandshake=true",
            Matchmaker.socketUrl("https://dojo.example", seat.copy(publicAddress = "10.0.0.7:443"), "T"),
        )
    }
}
