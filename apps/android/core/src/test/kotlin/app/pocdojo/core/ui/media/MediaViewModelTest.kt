package app.pocdojo.core.ui.media

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.UiFailure
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.advanceTimeBy
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.io.IOException

@OptIn(ExperimentalCoroutinesApi::class)
class MediaViewModelTest {
    /** A job server whose jobs advance one step per poll, with scripted network failures. */
    private class FakeMedia : MediaPort {
        val reports = mutableListOf<List<String>>()
        val polls = mutableListOf<String>()
        val steps = ArrayDeque<Any>() // JobItem or Throwable, consumed by job()
        override suspend fun requestReport(scope: String, from: String, to: String, format: String): String {
            reports += listOf(scope, from, to, format)
            return "j1"
        }
        override suspend fun requestVideo(year: Int): String {
            if (year > 2100) throw UiFailure(UiError.Problem(400, "invalid_request", "Bad year", null, mapOf("year" to "too late")))
            return "v$year"
        }
        override suspend fun jobs() = emptyList<JobItem>()
        override suspend fun job(id: String): JobItem {
            polls += id
            return when (val step = steps.removeFirst()) {
                is Throwable -> throw step
                else -> step as JobItem
            }
        }
    }

    @Test
    fun `a report request shows at once and follows the job to its result`() = runTest {
        val media = FakeMedia()
        media.steps += JobItem("j1", "report", "running", 40)
        media.steps += JobItem("j1", "report", "succeeded", 100, resultUrl = "https://s3.test/r.pdf", resultContentType = "application/pdf")
        val vm = MediaViewModel(backgroundScope, media, currentYear = 2026)
        vm.editReport { it.copy(format = "csv", scope = "me") }
        vm.requestReport()
        runCurrent()
        assertEquals(listOf("me", "2026-01-01", "2027-01-01", "csv"), media.reports.single())
        assertEquals("running", vm.state.value.jobs.single().status)
        assertEquals(40, vm.state.value.jobs.single().progress)
        advanceTimeBy(JOB_POLL_MS + 1)
        assertEquals("succeeded", vm.state.value.jobs.single().status)
        settle()
        assertEquals(2, media.polls.size, "polling stops when the job is finished")

        vm.share(vm.state.value.jobs.single())
        assertEquals(JobAction.SHARE, vm.effects.value?.action)
        vm.effectHandled()
        assertNull(vm.effects.value)
    }

    @Test
    fun `polling backs off after network errors`() = runTest {
        val media = FakeMedia()
        media.steps += IOException("down")
        media.steps += IOException("down")
        media.steps += JobItem("v2026", "video", "succeeded", 100, resultUrl = "u")
        val vm = MediaViewModel(backgroundScope, media, currentYear = 2026)
        vm.requestVideo()
        runCurrent()
        assertEquals(1, media.polls.size)
        advanceTimeBy(2 * JOB_POLL_MS + 1)
        assertEquals(2, media.polls.size)
        advanceTimeBy(3 * JOB_POLL_MS)
        assertEquals(2, media.polls.size, "the second wait is longer")
        advanceTimeBy(JOB_POLL_MS + 1)
        assertEquals(3, media.polls.size)
        assertEquals("succeeded", vm.state.value.jobs.single().status)
    }

    @Test
    fun `a refused request shows the field error`() = runTest {
        val vm = MediaViewModel(backgroundScope, FakeMedia(), currentYear = 2026)
        vm.onYear("2999")
        vm.requestVideo()
        runCurrent()
        assertEquals("too late", vm.state.value.error?.field("year"))
        assertEquals(emptyList<JobItem>(), vm.state.value.jobs)
    }
}
