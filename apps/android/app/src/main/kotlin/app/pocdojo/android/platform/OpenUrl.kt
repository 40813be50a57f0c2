package app.pocdojo.android.platform

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri

/** Opens a (presigned) URL in the app that handles its type: a browser, a PDF reader, a video player. */
fun Context.openUrl(url: String, contentType: String? = null) {
    val intent = Intent(Intent.ACTION_VIEW).apply {
        if (contentType != null) setDataAndType(Uri.parse(url), contentType) else data = Uri.parse(url)
        addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
    }
    try {
        startActivity(intent)
    } catch (e: ActivityNotFoundException) {
        startActivity(Intent(Intent.ACTION_VIEW, Uri.parse(url)).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    }
}
