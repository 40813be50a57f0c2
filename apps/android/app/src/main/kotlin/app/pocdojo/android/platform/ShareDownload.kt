package app.pocdojo.android.platform

import android.content.Context
import android.content.Intent
import androidx.core.content.FileProvider
import app.pocdojo.core.api.PlatformApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.File

/**
 * Shares a finished report or video: the presigned URL expires in minutes, so the
 * file itself is downloaded into the app's cache and offered through the FileProvider.
 */
suspend fun Context.shareDownload(platform: PlatformApi, url: String, fileName: String, contentType: String, title: String) {
    val bytes = platform.download(url)
    val file = withContext(Dispatchers.IO) {
        File(cacheDir, "downloads").apply { mkdirs() }.resolve(fileName).apply { writeBytes(bytes) }
    }
    val uri = FileProvider.getUriForFile(this, "$packageName.files", file)
    val send = Intent(Intent.ACTION_SEND).apply {
        type = contentType
        putExtra(Intent.EXTRA_STREAM, uri)
        addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    }
    startActivity(Intent.createChooser(send, title).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
}
