package app.pocdojo.core.ui.pocs

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.fakes.FakePocPort
import kotlinx.coroutines.ExperimentalCoroutinesApi
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

@OptIn(ExperimentalCoroutinesApi::class)
class PocEditorViewModelTest {
    private val port = FakePocPort()

    @Test
    fun `creates a POC from the form, lists split on commas`() = runTest {
        val vm = PocEditorViewModel(backgroundScope, port, pocId = null)
        assertTrue(vm.state.value.editing)
        assertFalse(vm.state.value.canSave, "a name is required")
        vm.edit { it.copy(name = "  Search spike ", languages = "Go, TypeScript,, Go", tags = "search") }
        vm.save()
        settle()
        val created = port.pocs.values.single()
        assertEquals("Search spike", created.name)
        assertEquals(listOf("Go", "TypeScript"), created.languages)
        assertEquals(created.id, vm.state.value.createdId)
        assertFalse(vm.state.value.editing)
    }

    @Test
    fun `an edit sends the version it started from`() = runTest {
        val poc = port.add("Old name")
        val vm = PocEditorViewModel(backgroundScope, port, poc.id)
        settle()
        assertFalse(vm.state.value.editing, "opens in view mode")
        vm.startEditing()
        vm.edit { it.copy(name = "New name") }
        vm.save()
        settle()
        assertEquals(listOf(poc.id to 1), port.updates)
        assertEquals(2, vm.state.value.poc!!.version)
        assertEquals("New name", vm.state.value.poc!!.name)
    }

    @Test
    fun `a stale version surfaces as a conflict and the latest can be loaded`() = runTest {
        val poc = port.add("Mine")
        val vm = PocEditorViewModel(backgroundScope, port, poc.id)
        settle()
        vm.startEditing()
        port.bump(poc.id, "Theirs")
        vm.edit { it.copy(name = "My edit") }
        vm.save()
        settle()
        assertTrue(vm.state.value.conflict)
        assertEquals("Theirs", port.pocs.getValue(poc.id).name, "nothing was saved")
        assertEquals(null, vm.state.value.error)
        vm.reloadLatest()
        settle()
        assertFalse(vm.state.value.conflict)
        assertEquals("Theirs", vm.state.value.form.name)
        assertEquals(2, vm.state.value.poc!!.version)
        assertTrue(vm.state.value.editing, "the form stays open to edit their version")
    }

    @Test
    fun `delete asks first, then deletes and says so`() = runTest {
        val poc = port.add("Doomed")
        val vm = PocEditorViewModel(backgroundScope, port, poc.id)
        settle()
        vm.askDelete()
        assertTrue(vm.state.value.confirmingDelete)
        vm.confirmDelete()
        settle()
        assertTrue(vm.state.value.deleted)
        assertTrue(port.pocs.isEmpty())
    }

    @Test
    fun `a missing POC shows the server's problem`() = runTest {
        val vm = PocEditorViewModel(backgroundScope, port, "nope")
        settle()
        assertEquals("poc_not_found", (vm.state.value.error as UiError.Problem).code)
        assertFalse(vm.state.value.loading)
    }
}
