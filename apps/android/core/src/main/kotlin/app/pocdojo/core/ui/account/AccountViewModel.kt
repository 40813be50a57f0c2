package app.pocdojo.core.ui.account

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

data class AccountUiState(
    val account: AccountInfo? = null,
    val currentPassword: String = "",
    val newPassword: String = "",
    val busy: Boolean = false,
    val error: UiError? = null,
    val passwordChanged: Boolean = false,
    /** Logged out: the app goes back to the login screen. */
    val loggedOut: Boolean = false,
) {
    val canChangePassword: Boolean get() = !busy && currentPassword.isNotEmpty() && newPassword.isNotEmpty()
}

/** Who you are, the password change (required after an invitation), and logging out. */
class AccountViewModel(private val scope: CoroutineScope, private val accounts: AccountPort) {
    private val _state = MutableStateFlow(AccountUiState())
    val state: StateFlow<AccountUiState> = _state.asStateFlow()

    init {
        scope.launch {
            val result = attempt { accounts.me() }
            _state.update { it.copy(account = result.getOrNull(), error = result.uiError) }
        }
    }

    fun onCurrentPassword(value: String) = _state.update { it.copy(currentPassword = value, passwordChanged = false) }
    fun onNewPassword(value: String) = _state.update { it.copy(newPassword = value, passwordChanged = false) }

    fun changePassword() {
        val form = _state.value
        if (!form.canChangePassword) return
        _state.update { it.copy(busy = true, error = null, passwordChanged = false) }
        scope.launch {
            val result = attempt { accounts.changePassword(form.currentPassword, form.newPassword) }
            _state.update {
                if (result.isSuccess) {
                    it.copy(
                        busy = false,
                        currentPassword = "",
                        newPassword = "",
                        passwordChanged = true,
                    )
                } else {
                    it.copy(busy = false, error = result.uiError)
                }
            }
        }
    }

    /** Logs out even when the server cannot be reached: the tokens here are forgotten either way. */
    fun logout() {
        _state.update { it.copy(busy = true) }
        scope.launch {
            attempt { accounts.logout() }
            _state.update { it.copy(busy = false, loggedOut = true) }
        }
    }
}
