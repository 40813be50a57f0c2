package app.pocdojo.core.ui.auth

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.attempt
import app.pocdojo.core.ui.common.uiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

data class LoginUiState(
    val tenant: String = "",
    val email: String = "",
    val password: String = "",
    val busy: Boolean = false,
    val error: UiError? = null,
    /** True once the session exists: the screen navigates on. */
    val signedIn: Boolean = false,
) {
    val canSubmit: Boolean get() = !busy && tenant.isNotBlank() && email.isNotBlank() && password.isNotEmpty()
}

/** The login form: team slug, email, password. */
class LoginViewModel(private val scope: CoroutineScope, private val auth: AuthPort) {
    private val _state = MutableStateFlow(LoginUiState())
    val state: StateFlow<LoginUiState> = _state.asStateFlow()

    fun onTenant(value: String) = _state.update { it.copy(tenant = value) }
    fun onEmail(value: String) = _state.update { it.copy(email = value) }
    fun onPassword(value: String) = _state.update { it.copy(password = value) }

    fun submit() {
        val form = _state.value
        if (!form.canSubmit) return
        _state.update { it.copy(busy = true, error = null) }
        scope.launch {
            val result = attempt { auth.login(form.tenant.trim(), form.email.trim(), form.password) }
            _state.update { it.copy(busy = false, error = result.uiError, signedIn = result.isSuccess) }
        }
    }
}
