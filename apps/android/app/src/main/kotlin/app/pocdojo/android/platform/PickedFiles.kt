package app.pocdojo.android.platform

import android.content.Context
import android.net.Uri
import android.provider.OpenableColumns
import app.pocdojo.core.ui.pocs.LocalFile

/** Files chosen in the system picker, as the core reads them: name, type and size from the content resolver. */
fun Context.localFiles(uris: List<Uri>): List<LocalFile> = uris.map { uri ->
    var name = uri.lastPathSegment ?: "file"
    var size = -1L
    contentResolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE), null, null, null)?.use { c ->
        if (c.moveToFirst()) {
            c.getString(0)?.let { name = it }
            if (!c.isNull(1)) size = c.getLong(1)
        }
    }
    val type = contentResolver.getType(uri) ?: "application/octet-stream"
    LocalFile(name, type, size, open = { requireNotNull(contentResolver.openInputStream(uri)) { "cannot read $uri" } })
}
