package app.pocdojo.core.ui.pocs

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.fakes.FakePocPort
import kotlinx.coroutines.ExperimentalCoroutinesApi
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

@OptIn(ExperimentalCoroutinesApi::class)
class AttachmentsViewModelTest {
    private val port = FakePocPort()
    private fun file(name: String) = LocalFile(name, "text/plain", 3, { "abc".byteInputStream() })

    @Test
    fun `uploads picked files in turn and lists them`() = runTest {
        val vm = AttachmentsViewModel(backgroundScope, port, "p1")
        vm.upload(listOf(file("a.txt"), file("b.txt")))
        settle()
        assertEquals(listOf("a.txt", "b.txt"), port.uploaded)
        assertEquals(listOf("a.txt", "b.txt"), vm.state.value.items.map { it.fileName })
        assertNull(vm.state.value.uploading)
    }

    @Test
    fun `stops at the first failed upload and keeps its error`() = runTest {
        port.failUploadOf = "b.txt"
        val vm = AttachmentsViewModel(backgroundScope, port, "p1")
        vm.upload(listOf(file("a.txt"), file("b.txt"), file("c.txt")))
        settle()
        assertEquals(listOf("a.txt"), port.uploaded)
        assertEquals("invalid_request", (vm.state.value.error as UiError.Problem).code)
        assertEquals(listOf("a.txt"), vm.state.value.items.map { it.fileName })
    }

    @Test
    fun `opening re-reads the list when its URLs may have expired`() = runTest {
        var clock = 0L
        val vm = AttachmentsViewModel(backgroundScope, port, "p1", now = { clock }, urlLifetimeMs = 1000)
        vm.upload(listOf(file("a.txt")))
        settle()
        val opened = mutableListOf<String>()
        vm.open("a1") { opened += it.url }
        settle()
        val listsBefore = port.attachmentLists.size
        clock = 5000
        vm.open("a1") { opened += it.url }
        settle()
        assertEquals(listsBefore + 1, port.attachmentLists.size)
        assertEquals(2, opened.toSet().size, "the second open got a fresh URL")
    }
}
