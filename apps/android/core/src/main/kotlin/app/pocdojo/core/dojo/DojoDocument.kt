package app.pocdojo.core.dojo

import org.automerge.AmValue
import org.automerge.Document
import org.automerge.ObjectId
import org.automerge.SyncState

/**
 * The local copy of a dojo's Automerge document `{files: {path: text}}` and the sync state of the current
 * connection (docs/protocol.md §6). Starts empty: the room's document arrives through sync. Not thread-safe:
 * the session touches it from its one event loop.
 */
class DojoDocument {
    var doc: Document = Document()
        private set
    private var syncState = SyncState()

    /** A fresh sync state: on every `welcome` and every `reset` (one sync state per connection). */
    fun restartSync() {
        syncState.free()
        syncState = SyncState()
    }

    fun receiveSync(message: ByteArray) = doc.receiveSyncMessage(syncState, message)

    /** The next sync message to send, or null when the server already has everything we have. */
    fun generateSync(): ByteArray? = doc.generateSyncMessage(syncState).orElse(null)

    /** Replaces the document with the server's authoritative copy (`reset`); refused local edits are gone. */
    fun reset(saved: ByteArray) {
        val loaded = Document.load(saved)
        doc.free()
        doc = loaded
        restartSync()
    }

    private fun filesId(): ObjectId? = (doc.get(ObjectId.ROOT, "files").orElse(null) as? AmValue.Map)?.id

    private fun textId(path: String): ObjectId? = filesId()?.let { (doc.get(it, path).orElse(null) as? AmValue.Text)?.id }

    /** Every file's text, by path; empty until the room's document arrived. */
    fun files(): Map<String, String> {
        val files = filesId() ?: return emptyMap()
        return doc.keys(files).orElse(emptyArray()).associateWith { path ->
            (doc.get(files, path).orElse(null) as? AmValue.Text)?.let { doc.text(it.id).orElse("") } ?: ""
        }
    }

    fun text(path: String): String? = textId(path)?.let { doc.text(it).orElse(null) }

    /**
     * Deletes [deleteCount] characters at [index] of [path]'s text and inserts [insert] there. Returns false
     * (and changes nothing) when the file does not exist: files are only made by the room (§10a).
     */
    fun splice(path: String, index: Long, deleteCount: Long, insert: String): Boolean {
        val text = textId(path) ?: return false
        val tx = doc.startTransaction()
        try {
            tx.spliceText(text, index, deleteCount, insert)
            tx.commit()
        } catch (e: RuntimeException) {
            tx.rollback()
            throw e
        }
        return true
    }

    fun save(): ByteArray = doc.save()

    fun close() {
        syncState.free()
        doc.free()
    }
}
