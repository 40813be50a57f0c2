package app.pocdojo.core.ui.room

/**
 * The server's clock seen from here: [offsetMs] is `welcome.serverTime` minus the
 * local time it arrived at (the core's `clockSkewMs`). Timer deadlines (`endsAt`, `nextRotationAt`) are server times, so
 * a phone whose clock is minutes off still counts down right.
 */
data class ServerClock(val offsetMs: Long) {
    fun serverNow(localNow: Long): Long = localNow + offsetMs

    companion object {
        val UNKNOWN = ServerClock(0)
    }
}

/** What the timer panel shows. */
data class TimerDisplay(
    val status: String,
    val remainingMs: Long,
    /** Time to the next automatic rotation while running, null otherwise. */
    val nextRotationMs: Long?,
) {
    val remainingText: String get() = clock(remainingMs)
    val nextRotationText: String? get() = nextRotationMs?.let(::clock)

    companion object {
        fun of(timer: TimerSnapshot, clock: ServerClock, localNow: Long): TimerDisplay {
            val serverNow = clock.serverNow(localNow)
            val running = timer.status == "running"
            val remaining = if (running) timer.endsAt - serverNow else timer.remainingMs
            val rotation = if (running && timer.nextRotationAt > 0) timer.nextRotationAt - serverNow else null
            return TimerDisplay(timer.status, remaining.coerceAtLeast(0), rotation?.takeIf { it > 0 })
        }

        /** `m:ss`, rounding up so the display reaches 0:00 exactly when time is up. */
        fun clock(ms: Long): String {
            val total = (ms.coerceAtLeast(0) + 999) / 1000
            return "${total / 60}:${(total % 60).toString().padStart(2, '0')}"
        }
    }
}
