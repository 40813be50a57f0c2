package app.pocdojo.android

import android.app.Application

class PocDojoApplication : Application() {
    lateinit var container: AppContainer
        private set

    override fun onCreate() {
        super.onCreate()
        container = AppContainer(this, BuildConfig.PLATFORM_URL)
    }
}
