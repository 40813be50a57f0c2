package app.pocdojo.android

import android.content.Context
import app.pocdojo.android.security.KeystoreTokenStore
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.ui.adapters.CoreAuthPort
import app.pocdojo.core.ui.adapters.CoreDojoPort
import app.pocdojo.core.ui.adapters.CoreMediaPort
import app.pocdojo.core.ui.adapters.CorePocPort
import app.pocdojo.core.ui.adapters.CoreRoomPort

/** The app's composition root: one platform client, its token store, and the ports the screens use. */
class AppContainer(context: Context, platformUrl: String) {
    val tokens = KeystoreTokenStore(context)
    val platform = PlatformApi(platformUrl, tokens)
    val auth = CoreAuthPort(platform)
    val pocs = CorePocPort(platform)
    val dojos = CoreDojoPort(platform)
    val media = CoreMediaPort(platform)
    val rooms = CoreRoomPort(platform)

    val signedIn: Boolean get() = tokens.load() != null
}
