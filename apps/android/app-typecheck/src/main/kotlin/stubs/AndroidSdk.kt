// Stand-ins for the Android SDK classes the app uses, with the SDK's signatures, so the app's Kotlin can be
// type-checked on the JVM here (no android.jar on these machines). Never run: every body throws.
@file:Suppress("unused", "UNUSED_PARAMETER")

package android.content

import android.content.res.Resources
import android.database.Cursor
import android.net.Uri
import java.io.File
import java.io.InputStream

private fun stub(): Nothing = throw UnsupportedOperationException("Android SDK stub")

open class Context {
    open fun getSharedPreferences(name: String, mode: Int): SharedPreferences = stub()
    open val contentResolver: ContentResolver get() = stub()
    open val cacheDir: File get() = stub()
    open val packageName: String get() = stub()
    open val resources: Resources get() = stub()
    open fun startActivity(intent: Intent): Unit = stub()
    companion object { const val MODE_PRIVATE = 0 }
}

interface SharedPreferences {
    fun getString(key: String, defValue: String?): String?
    fun edit(): Editor
    interface Editor {
        fun putString(key: String, value: String?): Editor
        fun remove(key: String): Editor
        fun apply()
    }
}

open class ContentResolver {
    fun query(uri: Uri, projection: Array<String>?, selection: String?, selectionArgs: Array<String>?, sortOrder: String?): Cursor? = stub()
    fun getType(uri: Uri): String? = stub()
    fun openInputStream(uri: Uri): InputStream? = stub()
}

open class Intent(action: String? = null, uri: Uri? = null) {
    var data: Uri? = null
    var type: String? = null
    fun setDataAndType(data: Uri?, type: String?): Intent = stub()
    fun addFlags(flags: Int): Intent = stub()
    fun putExtra(name: String, value: android.os.Parcelable?): Intent = stub()
    companion object {
        const val ACTION_VIEW = "android.intent.action.VIEW"
        const val ACTION_SEND = "android.intent.action.SEND"
        const val EXTRA_STREAM = "android.intent.extra.STREAM"
        const val FLAG_ACTIVITY_NEW_TASK = 0x10000000
        const val FLAG_GRANT_READ_URI_PERMISSION = 0x00000001
        fun createChooser(target: Intent, title: CharSequence?): Intent = stub()
    }
}

class ActivityNotFoundException : RuntimeException()
