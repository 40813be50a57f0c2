@file:Suppress("unused", "UNUSED_PARAMETER", "PackageDirectoryMismatch")

package androidx.activity.result.contract

abstract class ActivityResultContract<I, O>

class ActivityResultContracts {
    open class OpenMultipleDocuments : ActivityResultContract<Array<String>, List<android.net.Uri>>()
}
