package app.pocdojo.core.ui.pocs

import app.pocdojo.core.ui.common.SEARCH_DEBOUNCE_MS
import app.pocdojo.core.ui.fakes.FakePocPort
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.advanceTimeBy
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

@OptIn(ExperimentalCoroutinesApi::class)
class PocListViewModelTest {
    private val port = FakePocPort().apply {
        add("Kubernetes operator", listOf("Go"), listOf("k8s"))
        add("Kafka consumer", listOf("Java"), listOf("queues"))
        add("Kubectl plugin", listOf("Go", "Rust"), listOf("k8s", "cli"))
    }

    @Test
    fun `lists the first page, then appends the next one`() = runTest {
        val vm = PocListViewModel(backgroundScope, port)
        settle()
        assertEquals(listOf("Kubernetes operator", "Kafka consumer"), vm.state.value.items.map { it.name })
        assertTrue(vm.state.value.canLoadMore)
        assertEquals("Ada", vm.state.value.ownerName("u1"))
        vm.loadMore()
        settle()
        assertEquals(3, vm.state.value.items.size)
        assertFalse(vm.state.value.canLoadMore)
    }

    @Test
    fun `asks the server once, after the typing pauses, with the latest text`() = runTest {
        val vm = PocListViewModel(backgroundScope, port)
        settle()
        for (prefix in listOf("k", "ku", "kub", "kube")) {
            vm.onQuery(prefix)
            advanceTimeBy(SEARCH_DEBOUNCE_MS / 2)
        }
        assertEquals("kube", vm.state.value.query)
        assertTrue(port.searches.isEmpty(), "no request while typing")
        advanceTimeBy(SEARCH_DEBOUNCE_MS)
        runCurrent()
        assertEquals(listOf("kube"), port.searches.map { it.first })
        val search = vm.state.value.search!!
        assertEquals(setOf("Kubernetes operator", "Kubectl plugin"), search.hits.map { it.name }.toSet())
        assertEquals(mapOf("Go" to 2, "Rust" to 1), search.languageFacets)
        assertTrue(vm.state.value.searchMode)
    }

    @Test
    fun `a facet narrows the search and clearing the box returns to the list`() = runTest {
        val vm = PocListViewModel(backgroundScope, port)
        vm.onQuery("kub")
        settle()
        vm.toggleLanguage("Rust")
        settle()
        assertEquals(Triple("kub", setOf("Rust"), emptySet<String>()), port.searches.last())
        assertEquals(listOf("Kubectl plugin"), vm.state.value.search!!.hits.map { it.name })
        vm.toggleLanguage("Rust")
        settle()
        assertEquals(emptySet<String>(), port.searches.last().second)

        val listsBefore = port.listCalls.size
        vm.clearQuery()
        settle()
        assertNull(vm.state.value.search)
        assertFalse(vm.state.value.searchMode)
        assertEquals(listsBefore + 1, port.listCalls.size)
    }

    @Test
    fun `a filter reloads the list from the first page`() = runTest {
        val vm = PocListViewModel(backgroundScope, port)
        settle()
        vm.setFilters(PocFilters(language = "Java"))
        settle()
        assertEquals(PocFilters(language = "Java") to null, port.listCalls.last())
        assertEquals(listOf("Kafka consumer"), vm.state.value.items.map { it.name })
    }
}
