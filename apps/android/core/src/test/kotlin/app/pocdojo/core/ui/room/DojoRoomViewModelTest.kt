package app.pocdojo.core.ui.room

import app.pocdojo.core.ui.fakes.FakeDojoPort
import app.pocdojo.core.ui.fakes.FakeRoomSession
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

@OptIn(ExperimentalCoroutinesApi::class)
class DojoRoomViewModelTest {
    private val dojos = FakeDojoPort().apply { add("d1", "live", "FizzBuzz Friday") }

    private fun person(session: String, user: String, name: String, role: String, seat: String, color: String = "#112233") =
        Participant(session, user, name, role, seat, "connected", color)

    /** Ada drives, Bo navigates, Fay facilitates; [me] decides whose phone this is. */
    private fun snapshot(me: String, role: String = "participant") = RoomData(
        connection = Connection.CONNECTED,
        userId = me,
        role = role,
        title = "FizzBuzz Friday",
        language = "typescript",
        editPolicy = "driver",
        driverUserId = "ada",
        participants = listOf(
            person("s2", "bo", "Bo", "participant", "navigator", "#00aa00"),
            person("s1", "ada", "Ada", "participant", "driver", "#aa0000"),
            person("s3", "fay", "Fay", "facilitator", "observer"),
        ),
        files = mapOf("fizzbuzz.test.ts" to "test()", "fizzbuzz.ts" to "export const x = 1;\n"),
        presence = listOf(
            Presence("s1", "ada", "Ada", "#aa0000", "fizzbuzz.ts", 7, 12, true),
            Presence("s2", "bo", "Bo", "#00aa00", "fizzbuzz.test.ts", 0, 0, false),
            Presence("s3", "fay", "Fay", "#112233", "fizzbuzz.ts", 500, 500, false),
        ),
    )

    private fun TestScope.room(snap: RoomData, clock: () -> Long = { 1_000_000 }): Pair<DojoRoomViewModel, FakeRoomSession> {
        val session = FakeRoomSession(snap)
        val vm = DojoRoomViewModel(backgroundScope, session, dojos, "d1", now = clock)
        runCurrent()
        return vm to session
    }

    @Test
    fun `opens the code file, lists tabs and others' cursors there`() = runTest {
        val (vm, session) = room(snapshot(me = "bo"))
        val state = vm.state.value
        assertEquals("d1", session.joinedDojo)
        assertEquals(listOf("fizzbuzz.test.ts", "fizzbuzz.ts"), state.files)
        assertEquals("fizzbuzz.ts", state.activeFile, "the non-test file opens first")
        assertEquals("export const x = 1;\n", state.text)
        assertEquals(listOf("Ada", "Fay"), state.cursors.map { it.name })
        assertEquals(state.text.length, state.cursors.single { it.name == "Fay" }.head, "clamped to the text")
        assertTrue(state.cursors.single { it.name == "Ada" }.typing)

        vm.selectFile("fizzbuzz.test.ts")
        runCurrent()
        assertEquals("test()", vm.state.value.text)
        assertTrue(vm.state.value.cursors.isEmpty(), "my own cursor is not drawn as a remote one")
    }

    @Test
    fun `a navigator under the driver policy reads only and cannot edit`() = runTest {
        val (vm, session) = room(snapshot(me = "bo"))
        assertFalse(vm.state.value.canEdit)
        assertTrue(vm.state.value.showReadOnlyBanner)
        assertEquals("Ada", vm.state.value.readOnlyDriverName)
        vm.onEdit("export const x = 2;\n", 17, 17)
        assertTrue(session.edits.isEmpty())
    }

    @Test
    fun `the driver's edit goes to the document as one splice, with presence`() = runTest {
        val (vm, session) = room(snapshot(me = "ada"))
        assertTrue(vm.state.value.canEdit)
        assertFalse(vm.state.value.showReadOnlyBanner)
        vm.onEdit("export const xy = 1;\n", 15, 15)
        runCurrent()
        assertEquals(listOf(listOf<Any>("fizzbuzz.ts", 14, 0, "y")), session.edits)
        assertEquals("export const xy = 1;\n", vm.state.value.text)
        assertEquals(listOf<Any?>("fizzbuzz.ts", 15, 15, true), session.presences.last())
        advanceTimeBy(TYPING_IDLE_MS + 1)
        assertEquals(listOf<Any?>("fizzbuzz.ts", 15, 15, false), session.presences.last(), "typing stops by itself")
    }

    @Test
    fun `keystrokes faster than the session applies them are each sent once`() = runTest {
        val (vm, session) = room(snapshot(me = "ada"))
        session.applyEdits = false
        vm.onEdit("export const xy = 1;\n", 15, 15)
        vm.onEdit("export const xyz = 1;\n", 16, 16)
        assertEquals("export const xyz = 1;\n", vm.state.value.text, "the editor keeps showing what was typed")
        assertEquals(
            listOf(listOf<Any>("fizzbuzz.ts", 14, 0, "y"), listOf<Any>("fizzbuzz.ts", 15, 0, "z")),
            session.edits,
        )
        session.applyPending()
        runCurrent()
        assertEquals("export const xyz = 1;\n", vm.state.value.text)
    }

    @Test
    fun `the document wins over unapplied local text after a reset or a while`() = runTest {
        val (vm, session) = room(snapshot(me = "ada")) { testScheduler.currentTime }
        session.applyEdits = false
        vm.onEdit("export const xy = 1;\n", 15, 15)
        session.snapshot.value = session.snapshot.value.copy(resets = 1)
        runCurrent()
        assertEquals("export const x = 1;\n", vm.state.value.text, "a reset drops the refused edit at once")
        vm.onEdit("export const xq = 1;\n", 15, 15)
        advanceTimeBy(LOCAL_ECHO_MS + 1)
        assertEquals("export const x = 1;\n", vm.state.value.text, "never applied: the document is shown again")
    }

    @Test
    fun `everyone may edit under the everyone policy`() = runTest {
        val (vm, _) = room(snapshot(me = "bo").copy(editPolicy = "everyone"))
        assertTrue(vm.state.value.canEdit)
    }

    @Test
    fun `a refused edit is reported once per reset`() = runTest {
        val (vm, session) = room(snapshot(me = "ada"))
        session.snapshot.value = session.snapshot.value.copy(lastError = "edit_forbidden", resets = 1)
        runCurrent()
        assertTrue(vm.state.value.editRefused)
        vm.dismissEditRefused()
        session.snapshot.value = session.snapshot.value.copy(chat = listOf(ChatLine("c1", "bo", "Bo", "hi", 1)))
        runCurrent()
        assertFalse(vm.state.value.editRefused, "the same reset is not shown again")
        session.snapshot.value = session.snapshot.value.copy(resets = 2)
        runCurrent()
        assertTrue(vm.state.value.editRefused)
    }

    @Test
    fun `the roster lists driver, navigators, observers with me and who types`() = runTest {
        val (vm, _) = room(snapshot(me = "bo"))
        val roster = vm.state.value.roster
        assertEquals(listOf("Ada", "Bo", "Fay"), roster.map { it.participant.name })
        assertEquals(listOf(false, true, false), roster.map { it.isSelf })
        assertEquals(listOf(true, false, false), roster.map { it.typing })
    }

    @Test
    fun `the timer counts down on the server's clock, whatever the phone's clock says`() = runTest {
        var local = 5_000L // this phone's clock is far behind the server's
        val snap = snapshot(me = "bo").copy(
            clockSkewMs = 1_000_000 - 5_000,
            timer = TimerSnapshot("running", 3_600_000, 3_600_000, endsAt = 1_000_000 + 90_000, nextRotationAt = 1_000_000 + 30_000),
        )
        val (vm, _) = room(snap) { local }
        assertEquals(90_000, vm.state.value.timer.remainingMs)
        assertEquals("1:30", vm.state.value.timer.remainingText)
        assertEquals("0:30", vm.state.value.timer.nextRotationText)
        local += 10_000
        advanceTimeBy(300)
        assertEquals("1:20", vm.state.value.timer.remainingText, "the panel ticks while running")
    }

    @Test
    fun `facilitator controls send commands, others' clicks send nothing`() = runTest {
        val (fay, faySession) = room(snapshot(me = "fay", role = "facilitator"))
        assertTrue(fay.state.value.isFacilitator)
        assertEquals(listOf("bo", "ada"), fay.state.value.driverCandidates.map { it.userId })
        fay.startTimer()
        fay.rotate()
        fay.makeDriver("bo")
        fay.removeParticipant("bo")
        assertEquals(
            listOf("timer.start" to null, "rotate" to null, "driver.set" to "bo", "participant.remove" to "bo"),
            faySession.commands,
        )
        assertTrue(fay.state.value.canEdit, "facilitators may always type")

        val (bo, boSession) = room(snapshot(me = "bo"))
        bo.startTimer()
        assertTrue(boSession.commands.isEmpty())
    }

    @Test
    fun `a navigator asks to drive once, the driver sees the request and hands the keyboard over`() = runTest {
        var now = 1_000_000L
        val (bo, boSession) = room(snapshot(me = "bo"), clock = { now })
        assertTrue(bo.state.value.canAskToDrive)
        bo.requestDrive()
        assertEquals(listOf("request"), boSession.driveRequests)
        val request = DriveRequest("bo", "Bo", expiresAt = now + 120_000)
        boSession.snapshot.value = boSession.snapshot.value.copy(driveRequests = listOf(request))
        runCurrent()
        assertTrue(bo.state.value.askedToDrive)
        assertTrue(bo.state.value.driveRequests.isEmpty(), "a navigator cannot accept, even their own request")
        bo.requestDrive()
        assertEquals(1, boSession.driveRequests.size, "no second request while one is open")

        val (ada, adaSession) = room(snapshot(me = "ada").copy(driveRequests = listOf(request)), clock = { now })
        assertFalse(ada.state.value.canAskToDrive, "the driver does not ask")
        assertEquals(listOf("Bo"), ada.state.value.driveRequests.map { it.name })
        ada.acceptDrive("nobody")
        ada.acceptDrive("bo")
        assertEquals(listOf("bo"), adaSession.driveAccepts, "only an open request can be accepted")

        now += 121_000
        advanceTimeBy(300)
        assertTrue(ada.state.value.driveRequests.isEmpty(), "the request expired on the server's clock")
        assertFalse(bo.state.value.askedToDrive)
    }

    @Test
    fun `facilitators see requests to drive and never ask, and under everyone nobody asks`() = runTest {
        val request = DriveRequest("bo", "Bo", expiresAt = 2_000_000)
        val (fay, _) = room(snapshot(me = "fay", role = "facilitator").copy(driveRequests = listOf(request)))
        assertFalse(fay.state.value.canAskToDrive)
        assertEquals(listOf("bo"), fay.state.value.driveRequests.map { it.userId })
        val (bo, _) = room(snapshot(me = "bo").copy(editPolicy = "everyone"))
        assertFalse(bo.state.value.canAskToDrive, "everyone already edits")
    }

    @Test
    fun `chat sends trimmed text and clears the composer`() = runTest {
        val (vm, session) = room(snapshot(me = "bo"))
        vm.onChatDraft("   ")
        vm.sendChat()
        vm.onChatDraft("  ready?  ")
        assertTrue(vm.state.value.canChat)
        vm.sendChat()
        assertEquals(listOf("ready?"), session.chats)
        assertEquals("", vm.state.value.chatDraft)
    }

    @Test
    fun `a finished dojo shows as over and never joins`() = runTest {
        dojos.add("d2", "finished", "Done")
        val session = FakeRoomSession()
        val vm = DojoRoomViewModel(backgroundScope, session, dojos, "d2")
        runCurrent()
        assertTrue(vm.state.value.finished)
        assertNull(session.joinedDojo)
    }

    @Test
    fun `closing the dojo finishes it on the platform and leaves the room`() = runTest {
        val (vm, session) = room(snapshot(me = "fay", role = "facilitator"))
        vm.closeDojo()
        runCurrent()
        assertEquals(listOf("d1"), dojos.finished)
        assertTrue(session.left)
        assertTrue(vm.state.value.finished)
    }
}
