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
import app.pocdojo.core.ui.auth.LoginViewModel

@Composable
fun LoginScreen(auth: AuthPort, onSignedIn: () -> Unit, onSignup: () -> Unit) {
    val vm = coreViewModel { scope -> LoginViewModel(scope, auth) }
    val state by vm.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.signedIn) { if (state.signedIn) onSignedIn() }
    Column(
        verticalArrangement = Arrangement.spacedBy(12.dp),
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp),
    ) {
        Text(
            stringResource(R.string.login_title),
            style = MaterialTheme.typography.headlineMedium,
            modifier = Modifier.semantics { heading() },
        )
        ErrorBanner(state.error?.takeIf { it.field("tenant") == null && it.field("email") == null })
        FormField(stringResource(R.string.login_team), state.tenant, vm::onTenant, field = "tenant", error = state.error,
            hint = stringResource(R.string.login_team_hint))
        FormField(stringResource(R.string.login_email), state.email, vm::onEmail, field = "email", error = state.error,
            keyboardType = KeyboardType.Email)
        PasswordField(stringResource(R.string.login_password), state.password, vm::onPassword, "password", state.error)
        Button(onClick = vm::submit, enabled = state.canSubmit, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(if (state.busy) R.string.login_busy else R.string.login_submit))
        }
        TextButton(onClick = onSignup) { Text(stringResource(R.string.login_to_signup)) }
    }
}
