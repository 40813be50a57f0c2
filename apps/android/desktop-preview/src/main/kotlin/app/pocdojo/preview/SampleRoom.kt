package app.pocdojo.preview

import app.pocdojo.android.ui.room.shared.RoomActions
import app.pocdojo.core.ui.room.Announcement
import app.pocdojo.core.ui.room.ChatLine
import app.pocdojo.core.ui.room.Connection
import app.pocdojo.core.ui.room.Participant
import app.pocdojo.core.ui.room.RemoteCursor
import app.pocdojo.core.ui.room.RosterEntry
import app.pocdojo.core.ui.room.RoomUiState
import app.pocdojo.core.ui.room.TimerDisplay

private const val CODE = """export function fizzBuzz(n: number): string {
  // Multiples of 15 first: they are multiples of 3 and 5 too.
  if (n % 15 === 0) return "FizzBuzz";
  if (n % 3 === 0) return "Fizz";
  if (n % 5 === 0) return 'Buzz';
  return String(n);
}
"""

private val ada = Participant("s1", "ada", "Ada", "participant", "driver", "connected", "#e6194b")
private val bo = Participant("s2", "bo", "Bo", "participant", "navigator", "connected", "#3cb44b")
private val cy = Participant("s3", "cy", "Cy", "participant", "navigator", "reconnecting", "#4363d8")
private val fay = Participant("s4", "fay", "Fay", "facilitator", "observer", "connected", "#f58231")

/** A room seen by Bo, a navigator, while Ada drives: what the screenshots show. */
val NavigatorView = RoomUiState(
    connection = Connection.CONNECTED,
    joined = true,
    title = "FizzBuzz Friday",
    language = "typescript",
    files = listOf("fizzbuzz.test.ts", "fizzbuzz.ts", "README.md"),
    activeFile = "fizzbuzz.ts",
    text = CODE,
    canEdit = false,
    readOnlyDriverName = "Ada",
    cursors = listOf(
        RemoteCursor("s1", "Ada", "#e6194b", CODE.indexOf("String(n)") + 6, CODE.indexOf("String(n)") + 6, typing = true),
        RemoteCursor("s4", "Fay", "#f58231", CODE.indexOf("\"Fizz\""), CODE.indexOf("\"Fizz\"") + 6, typing = false),
    ),
    roster = listOf(
        RosterEntry(ada, isSelf = false, typing = true),
        RosterEntry(bo, isSelf = true, typing = false),
        RosterEntry(cy, isSelf = false, typing = false),
        RosterEntry(fay, isSelf = false, typing = false),
    ),
    chat = listOf(
        ChatLine("c1", "fay", "Fay", "Welcome! Ada drives first, rotation every 7 minutes.", 1_764_612_000_000),
        ChatLine("c2", "bo", "Bo", "Should 15 come before 3?", 1_764_612_060_000),
        ChatLine("c3", "ada", "Ada", "Yes, adding it now", 1_764_612_090_000),
    ),
    chatDraft = "Nice, now the test for 30",
    timer = TimerDisplay("running", 42 * 60_000 + 17_000, 3 * 60_000 + 5_000),
    isFacilitator = false,
    driverUserId = "ada",
    driverCandidates = listOf(ada, bo, cy),
    announcements = listOf(
        Announcement("joined", 1_764_611_990_000, name = "Cy"),
        Announcement("timer", 1_764_612_000_000, status = "running"),
        Announcement("rotation", 1_764_612_010_000, name = "Ada"),
    ),
)

/** The same room seen by Fay, the facilitator. */
val FacilitatorView = NavigatorView.copy(
    canEdit = true,
    readOnlyDriverName = null,
    isFacilitator = true,
    roster = NavigatorView.roster.map { it.copy(isSelf = it.participant.userId == "fay") },
    cursors = NavigatorView.cursors.filter { it.name != "Fay" },
)

/** The preview only draws: actions do nothing. */
object NoActions : RoomActions {
    override fun selectFile(path: String) = Unit
    override fun edit(text: String, anchor: Int, head: Int) = Unit
    override fun select(anchor: Int, head: Int) = Unit
    override fun chatDraft(text: String) = Unit
    override fun sendChat() = Unit
    override fun dismissEditRefused() = Unit
    override fun start() = Unit
    override fun pause() = Unit
    override fun resume() = Unit
    override fun end() = Unit
    override fun rotate() = Unit
    override fun makeDriver(userId: String) = Unit
    override fun remove(userId: String) = Unit
    override fun closeDojo() = Unit
    override fun requestDrive() = Unit
    override fun acceptDrive(userId: String) = Unit
}
