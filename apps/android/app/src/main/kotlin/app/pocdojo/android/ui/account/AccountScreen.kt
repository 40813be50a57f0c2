package app.pocdojo.android.ui.account

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.pocdojo.android.R
import app.pocdojo.android.ui.common.ErrorBanner
import app.pocdojo.android.ui.common.PasswordField
import app.pocdojo.android.ui.common.coreViewModel
import app.pocdojo.android.ui.common.roleLabel
import app.pocdojo.core.ui.account.AccountPort
import app.pocdojo.core.ui.account.AccountViewModel

/** Who you are and in which team, the password change, and logging out. */
@Composable
fun AccountScreen(accounts: AccountPort, onLoggedOut: () -> Unit) {
    val vm = coreViewModel { scope -> AccountViewModel(scope, accounts) }
    val state by vm.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.loggedOut) { if (state.loggedOut) onLoggedOut() }
    Column(
        verticalArrangement = Arrangement.spacedBy(12.dp),
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
    ) {
        Text(stringResource(R.string.account_title), style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
        state.account?.let { me ->
            Text(stringResource(R.string.account_who, me.name, me.email, roleLabel(me.role)))
            if (me.tenantName.isNotEmpty()) Text(stringResource(R.string.account_team, me.tenantName, me.tenantSlug))
        }
        ErrorBanner(state.error)
        Text(stringResource(R.string.account_password), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
        if (state.account?.emailVerified == false) {
            Surface(color = MaterialTheme.colorScheme.tertiaryContainer, shape = MaterialTheme.shapes.medium) {
                Text(stringResource(R.string.account_confirm_email), modifier = Modifier.padding(12.dp))
            }
        }
        PasswordField(stringResource(R.string.account_current_password), state.currentPassword, vm::onCurrentPassword, "currentPassword", state.error)
        PasswordField(stringResource(R.string.account_new_password), state.newPassword, vm::onNewPassword, "newPassword", state.error)
        Button(onClick = vm::changePassword, enabled = state.canChangePassword) { Text(stringResource(R.string.account_change_password)) }
        if (state.passwordChanged) {
            Text(stringResource(R.string.account_password_changed), modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite })
        }
        OutlinedButton(onClick = vm::logout, enabled = !state.busy) { Text(stringResource(R.string.account_logout)) }
    }
}
