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

data class SignupUiState(
    val tenantName: String = "",
    /** Optional: the server derives it from the team name when blank. */
    val tenantSlug: String = "",
    val name: String = "",
    val email: String = "",
    val password: String = "",
    val busy: Boolean = false,
    val error: UiError? = null,
    val signedIn: Boolean = false,
) {
    val canSubmit: Boolean
        get() = !busy && tenantName.isNotBlank() && name.isNotBlank() && email.isNotBlank() && password.isNotEmpty()
}

/** Sign-up: creates the team and its owner, and signs the owner in. */
class SignupViewModel(private val scope: CoroutineScope, private val auth: AuthPort) {
    private val _state = MutableStateFlow(SignupUiState())
    val state: StateFlow<SignupUiState> = _state.asStateFlow()

    fun onTenantName(value: String) = _state.update { it.copy(tenantName = value) }
    fun onTenantSlug(value: String) = _state.update { it.copy(tenantSlug = value) }
    fun onName(value: String) = _state.update { it.copy(name = value) }
    fun onEmail(value: String) = _state.update { it.copy(email = value) }
    fun onPassword(value: String) = _state.update { it.copy(password = value) }

    fun submit() {
        val form = _state.value
        if (!form.canSubmit) return
        _state.update { it.copy(busy = true, error = null) }
        scope.launch {
            val result = attempt {
                auth.signup(
                    tenantName = form.tenantName.trim(),
                    tenantSlug = form.tenantSlug.trim().ifEmpty { null },
                    name = form.name.trim(),
                    email = form.email.trim(),
                    password = form.password,
                )
            }
            _state.update { it.copy(busy = false, error = result.uiError, signedIn = result.isSuccess) }
        }
    }
}
