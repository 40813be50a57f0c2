package app.pocdojo.core.ui.auth

/** What the sign-up and login screens need from the core; the tokens go to the core's token store. */
interface AuthPort {
    suspend fun login(tenant: String, email: String, password: String)

    suspend fun signup(tenantName: String, tenantSlug: String?, name: String, email: String, password: String)
}
