package app.pocdojo.core.ui.room

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class TimerDisplayTest {
    @Test
    fun `a running timer counts to endsAt on the server clock`() {
        val clock = ServerClock(offsetMs = 6_000) // the phone is 6 s behind
        val timer = TimerSnapshot("running", 60_000, 60_000, endsAt = 70_000, nextRotationAt = 40_000)
        val shown = TimerDisplay.of(timer, clock, localNow = 4_000)
        assertEquals(60_000, shown.remainingMs)
        assertEquals(30_000, shown.nextRotationMs)
    }

    @Test
    fun `paused and idle timers show remainingMs, and never below zero`() {
        val paused = TimerSnapshot("paused", 60_000, 12_345)
        assertEquals("0:13", TimerDisplay.of(paused, ServerClock.UNKNOWN, 0).remainingText)
        assertNull(TimerDisplay.of(paused, ServerClock.UNKNOWN, 0).nextRotationMs)
        val late = TimerSnapshot("running", 60_000, 60_000, endsAt = 1_000)
        assertEquals("0:00", TimerDisplay.of(late, ServerClock.UNKNOWN, 5_000).remainingText)
    }

    @Test
    fun `the clock rounds up and pads seconds`() {
        assertEquals("60:00", TimerDisplay.clock(3_600_000))
        assertEquals("1:05", TimerDisplay.clock(64_001))
        assertEquals("0:00", TimerDisplay.clock(0))
    }
}
