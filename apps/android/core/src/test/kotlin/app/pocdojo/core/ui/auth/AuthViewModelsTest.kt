package app.pocdojo.core.ui.auth

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.UiFailure
import kotlinx.coroutines.ExperimentalCoroutinesApi
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.IOException

@OptIn(ExperimentalCoroutinesApi::class)
class AuthViewModelsTest {
    private class FakeAuth : AuthPort {
        val logins = mutableListOf<List<String>>()
        val signups = mutableListOf<List<String?>>()
        var offline = false
        override suspend fun login(tenant: String, email: String, password: String) {
            if (offline) throw IOException("no route")
            logins += listOf(tenant, email, password)
            if (password != "right") throw UiFailure(UiError.Problem(401, "invalid_credentials", "Wrong", null))
        }
        override suspend fun signup(tenantName: String, tenantSlug: String?, name: String, email: String, password: String) {
            signups += listOf(tenantName, tenantSlug, name, email, password)
            if (email == "taken@acme.test") {
                throw UiFailure(UiError.Problem(409, "email_taken", "Taken", null, mapOf("email" to "already registered")))
            }
        }
    }

    @Test
    fun `login trims the team and email, and signs in`() = runTest {
        val auth = FakeAuth()
        val vm = LoginViewModel(backgroundScope, auth)
        assertFalse(vm.state.value.canSubmit)
        vm.onTenant(" acme ")
        vm.onEmail(" ada@acme.test")
        vm.onPassword("right")
        vm.submit()
        assertTrue(vm.state.value.busy)
        settle()
        assertEquals(listOf("acme", "ada@acme.test", "right"), auth.logins.single())
        assertTrue(vm.state.value.signedIn)
        assertFalse(vm.state.value.busy)
    }

    @Test
    fun `login shows wrong credentials and a network failure`() = runTest {
        val auth = FakeAuth()
        val vm = LoginViewModel(backgroundScope, auth)
        vm.onTenant("acme")
        vm.onEmail("ada@acme.test")
        vm.onPassword("wrong")
        vm.submit()
        settle()
        assertEquals("invalid_credentials", (vm.state.value.error as UiError.Problem).code)
        assertFalse(vm.state.value.signedIn)
        auth.offline = true
        vm.submit()
        settle()
        assertEquals(UiError.Network, vm.state.value.error)
    }

    @Test
    fun `sign-up sends no slug when blank and shows field errors`() = runTest {
        val auth = FakeAuth()
        val vm = SignupViewModel(backgroundScope, auth)
        vm.onTenantName("Acme Labs")
        vm.onTenantSlug("  ")
        vm.onName("Ada")
        vm.onEmail("taken@acme.test")
        vm.onPassword("correct-Horse-9")
        vm.submit()
        settle()
        assertNull(auth.signups.single()[1])
        assertEquals("already registered", vm.state.value.error?.field("email"))
        vm.onEmail("ada@acme.test")
        vm.submit()
        settle()
        assertTrue(vm.state.value.signedIn)
        assertNull(vm.state.value.error)
    }
}
