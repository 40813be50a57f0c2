package app.pocdojo.core.ui.account

data class AccountInfo(
    val name: String,
    val email: String,
    /** `owner`, `admin` or `member`. */
    val role: String,
    val tenantName: String,
    val tenantSlug: String,
    /** False until the member follows the confirmation link e-mailed to them. */
    val emailVerified: Boolean,
)

/** What the account screen needs from the core. */
interface AccountPort {
    suspend fun me(): AccountInfo

    suspend fun changePassword(currentPassword: String, newPassword: String)

    /** Revokes the session on the server and forgets the tokens here. */
    suspend fun logout()
}
