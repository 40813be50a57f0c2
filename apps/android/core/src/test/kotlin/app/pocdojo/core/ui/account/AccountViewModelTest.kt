package app.pocdojo.core.ui.account

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.UiFailure
import kotlinx.coroutines.ExperimentalCoroutinesApi
import app.pocdojo.core.ui.fakes.settle
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.IOException

@OptIn(ExperimentalCoroutinesApi::class)
class AccountViewModelTest {
    private class FakeAccounts : AccountPort {
        var password = "old-Secret-1"
        var loggedOut = false
        override suspend fun me() = AccountInfo("Ada", "ada@acme.test", "owner", "Acme", "acme", emailVerified = false)
        override suspend fun changePassword(currentPassword: String, newPassword: String) {
            if (currentPassword != password) {
                throw UiFailure(UiError.Problem(400, "invalid_request", "Bad", null, mapOf("currentPassword" to "wrong")))
            }
            password = newPassword
        }
        override suspend fun logout() {
            loggedOut = true
            throw IOException("offline")
        }
    }

    @Test
    fun `changes the password, refusing a wrong current one`() = runTest {
        val accounts = FakeAccounts()
        val vm = AccountViewModel(backgroundScope, accounts)
        settle()
        assertFalse(vm.state.value.account!!.emailVerified)
        vm.onCurrentPassword("nope")
        vm.onNewPassword("new-Secret-2")
        vm.changePassword()
        settle()
        assertEquals("wrong", vm.state.value.error?.field("currentPassword"))
        vm.onCurrentPassword("old-Secret-1")
        vm.changePassword()
        settle()
        assertEquals("new-Secret-2", accounts.password)
        assertTrue(vm.state.value.passwordChanged)
        assertEquals("", vm.state.value.newPassword)
    }

    @Test
    fun `logging out ends the session here even offline`() = runTest {
        val accounts = FakeAccounts()
        val vm = AccountViewModel(backgroundScope, accounts)
        vm.logout()
        settle()
        assertTrue(accounts.loggedOut)
        assertTrue(vm.state.value.loggedOut)
    }
}
