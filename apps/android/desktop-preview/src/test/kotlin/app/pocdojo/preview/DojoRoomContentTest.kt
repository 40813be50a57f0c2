package app.pocdojo.preview

import androidx.compose.material3.MaterialTheme
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsNodeInteractionsProvider
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextReplacement
import androidx.compose.ui.test.runComposeUiTest
import app.pocdojo.android.ui.room.shared.DojoRoomContent
import app.pocdojo.core.ui.room.DriveRequest
import app.pocdojo.core.ui.room.RoomUiState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The Android app's shared room composables, compiled and driven here on the desktop JVM. */
@OptIn(ExperimentalTestApi::class)
class DojoRoomContentTest {
    private fun room(state: RoomUiState, tab: Int = 0, test: SemanticsNodeInteractionsProvider.(RecordingActions) -> Unit) =
        runComposeUiTest {
            val actions = RecordingActions()
            setContent { MaterialTheme { DojoRoomContent(state, EnglishRoomTexts, actions, time = { "12:00" }, initialTab = tab) } }
            test(actions)
        }

    @Test
    fun `a navigator sees who drives, the editor and others' cursors, and can switch files`() = room(NavigatorView) { actions ->
        onNodeWithText("Read-only: Ada is driving. You navigate — use the chat.").assertExists()
        onNodeWithContentDescription("Code editor, fizzbuzz.ts").assertExists()
        onNodeWithContentDescription("Remaining time: 42:17").assertExists()
        onNodeWithText("Running · next rotation in 3:05").assertExists()
        onNodeWithText("fizzbuzz.test.ts").performClick()
        assertEquals(listOf("selectFile fizzbuzz.test.ts"), actions.calls)
    }

    @Test
    fun `the facilitator pauses, hands the keyboard over and ends the kata after confirming`() = room(FacilitatorView, tab = 1) { actions ->
        onNodeWithText("Fay (you)").assertExists()
        onNodeWithText("reconnecting…").assertExists()
        onNodeWithText("Make Ada driver").assertIsNotEnabled()
        onNodeWithText("Make Bo driver").assertIsEnabled().performClick()
        onNodeWithText("Pause").performClick()
        onNodeWithText("End kata").performClick()
        onNodeWithText("End the kata for everyone?").assertExists()
        onAllNodesWithText("End kata")[1].performClick()
        assertEquals(listOf("makeDriver bo", "pause", "end"), actions.calls)
    }

    @Test
    fun `a navigator has no facilitator controls`() = room(NavigatorView, tab = 1) {
        onNodeWithText("People (4)").assertExists()
        onNodeWithText("Bo (you)").assertExists()
        onNodeWithText("Facilitation").assertDoesNotExist()
    }

    @Test
    fun `a navigator asks to drive, and once asked the button says so`() {
        room(NavigatorView.copy(canAskToDrive = true), tab = 1) { actions ->
            onNodeWithText("Ask to drive").assertIsEnabled().performClick()
            assertEquals(listOf("requestDrive"), actions.calls)
        }
        room(NavigatorView.copy(canAskToDrive = true, askedToDrive = true), tab = 1) {
            onNodeWithText("Asked — waiting for the driver").assertIsNotEnabled()
        }
    }

    @Test
    fun `the facilitator sees who wants to drive and accepts`() =
        room(FacilitatorView.copy(driveRequests = listOf(DriveRequest("bo", "Bo", expiresAt = 0))), tab = 1) { actions ->
            onNodeWithText("Bo wants to drive").assertExists()
            onNodeWithText("Ask to drive").assertDoesNotExist()
            onNodeWithContentDescription("Hand the keyboard to Bo").performClick()
            assertEquals(listOf("acceptDrive bo"), actions.calls)
        }

    @Test
    fun `chat shows the log and sends the draft`() = room(NavigatorView, tab = 2) { actions ->
        onNodeWithText("Should 15 come before 3?").assertExists()
        onNodeWithText("Ada drives now").assertExists()
        onNodeWithText("Nice, now the test for 30").performTextReplacement("Ready")
        onNodeWithText("Send").performClick()
        // The field is controlled by state this test does not change, so it may report its old text again after "Ready".
        assertEquals("chatDraft Ready", actions.calls.first())
        assertEquals("sendChat", actions.calls.last())
    }
}
