package app.pocdojo.core.ui.dojos

import app.pocdojo.core.ui.fakes.FakeDojoPort
import kotlinx.coroutines.ExperimentalCoroutinesApi
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

@OptIn(ExperimentalCoroutinesApi::class)
class DojosViewModelTest {
    private val port = FakeDojoPort().apply {
        add("a", "live")
        add("b", "scheduled")
        add("c", "finished")
        add("d", "live")
    }

    @Test
    fun `groups dojos by status and loads the kata catalogue`() = runTest {
        val vm = DojosViewModel(backgroundScope, port)
        settle()
        assertEquals(listOf("a", "d"), vm.state.value.live.map { it.id })
        assertEquals(listOf("b"), vm.state.value.scheduled.map { it.id })
        assertEquals(listOf("c"), vm.state.value.finished.map { it.id })
        assertEquals(2, vm.state.value.katas.size)
    }

    @Test
    fun `choosing a kata keeps a language it supports`() = runTest {
        val vm = DojosViewModel(backgroundScope, port)
        settle()
        vm.chooseKata("bank-ocr")
        assertEquals("python", vm.state.value.form.language, "bank-ocr has no TypeScript")
        vm.editForm { it.copy(language = "java") }
        vm.chooseKata("fizzbuzz")
        assertEquals("java", vm.state.value.form.language)
        assertEquals("FizzBuzz", vm.state.value.selectedKata?.title)
        vm.chooseKata(null)
        assertNull(vm.state.value.form.kataId)
    }

    @Test
    fun `creating from a kata opens the new room`() = runTest {
        val vm = DojosViewModel(backgroundScope, port)
        settle()
        vm.chooseKata("fizzbuzz")
        vm.editForm { it.copy(title = " Friday kata ", durationMinutes = "45", rotationMinutes = "5", editPolicy = "everyone") }
        vm.create()
        settle()
        assertEquals(DojoDraft("Friday kata", "fizzbuzz", "typescript", 45, 5, "everyone", null), port.created.single())
        assertEquals("d1", vm.state.value.openRoom)
        vm.roomOpened()
        assertNull(vm.state.value.openRoom)
    }

    @Test
    fun `numbers that are not numbers keep the form from submitting`() = runTest {
        val vm = DojosViewModel(backgroundScope, port)
        vm.editForm { it.copy(title = "x", durationMinutes = "an hour") }
        assertFalse(vm.state.value.canCreate)
        vm.create()
        settle()
        assertEquals(0, port.created.size)
    }

    @Test
    fun `joining opens the room`() = runTest {
        val vm = DojosViewModel(backgroundScope, port)
        vm.join("a")
        assertEquals("a", vm.state.value.openRoom)
    }
}
