package app.pocdojo.android.ui.navigation

import kotlinx.serialization.Serializable

/** Type-safe destinations of the app's single navigation graph. */
object Routes {
    @Serializable data object Login
    @Serializable data object Signup
    @Serializable data object Pocs
    /** [id] null: a new POC. */
    @Serializable data class Poc(val id: String? = null)
    @Serializable data object Dojos
    @Serializable data class Room(val dojoId: String)
    @Serializable data object Media
    @Serializable data object Account
}
