package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.Login
import app.pocdojo.core.api.PasswordChange
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.api.Signup
import app.pocdojo.core.ui.account.AccountInfo
import app.pocdojo.core.ui.account.AccountPort
import app.pocdojo.core.ui.auth.AuthPort

/**
 * Sign-up, login and the account screen over [PlatformApi]; the session's tokens
 * land in the client's token store. `GET /v1/me` names the tenant only by id, so
 * the team's name and slug come from the session that signed in, when known.
 */
class CoreAuthPort(private val platform: PlatformApi) : AuthPort, AccountPort {
    @Volatile private var team: Pair<String, String>? = null

    override suspend fun login(tenant: String, email: String, password: String) {
        val session = api { platform.logIn(Login(tenant, email, password)) }
        team = session.tenant.name to session.tenant.slug
    }

    override suspend fun signup(tenantName: String, tenantSlug: String?, name: String, email: String, password: String) {
        val session = api { platform.signUp(Signup(tenantName, name, email, password, tenantSlug)) }
        team = session.tenant.name to session.tenant.slug
    }

    override suspend fun me(): AccountInfo {
        val me = api { platform.me() }
        return AccountInfo(me.name, me.email, me.role, team?.first.orEmpty(), team?.second.orEmpty(), me.emailVerified)
    }

    override suspend fun changePassword(currentPassword: String, newPassword: String) =
        api { platform.changePassword(PasswordChange(currentPassword, newPassword)) }

    override suspend fun logout() = api { platform.logOut() }
}
