package app.pocdojo.android.ui.auth

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.FormField
import app.pocdojo.android.ui.common.PasswordField
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.core.ui.auth.AuthPort
import app.pocdojo.core.ui.auth.SignupViewModel

@Composable
fun SignupScreen(auth: AuthPort, onSignedIn: () -> Unit, onLogin: () -> Unit) {
    val vm = coreViewModel { scope -> SignupViewModel(scope, auth) }
    val state by vm.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.signedIn) { if (state.signedIn) onSignedIn() }
    Column(
        verticalArrangement = Arrangement.spacedBy(12.dp),
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp),
    ) {
        Text(
            stringResource(R.string.signup_title),
            style = MaterialTheme.typography.headlineMedium,
            modifier = Modifier.semantics { heading() },
        )
        ErrorBanner(state.error)
        FormField(stringResource(R.string.signup_team_name), state.tenantName, vm::onTenantName, field = "tenantName", error = state.error)
        FormField(stringResource(R.string.signup_team_slug), state.tenantSlug, vm::onTenantSlug, field = "tenantSlug",
            error = state.error, hint = stringResource(R.string.signup_team_slug_hint))
        FormField(stringResource(R.string.signup_name), state.name, vm::onName, field = "name", error = state.error)
        FormField(stringResource(R.string.login_email), state.email, vm::onEmail, field = "email", error = state.error,
            keyboardType = KeyboardType.Email)
        PasswordField(stringResource(R.string.login_password), state.password, vm::onPassword, "password", state.error)
        Button(onClick = vm::submit, enabled = state.canSubmit, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(if (state.busy) R.string.signup_busy else R.string.signup_submit))
        }
        TextButton(onClick = onLogin) { Text(stringResource(R.string.signup_to_login)) }
    }
}
