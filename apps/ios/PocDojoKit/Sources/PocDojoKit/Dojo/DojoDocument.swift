import Automerge
import Foundation

/// This client's replica of the dojo document `{files: {[path]: Text}}` and its sync
/// state with the server (docs/protocol.md §6). One instance per session; the sync
/// state is replaced on every `welcome` and `reset`, as the protocol requires.
///
/// Text offsets are UTF-16 code units everywhere (the document is created with
/// `.utf16` text encoding), which is what the protocol's presence offsets and
/// UIKit's `NSRange` both use.
public final class DojoDocument {
    public private(set) var document: Document
    private var syncState = SyncState()

    /// An empty document: every join starts from one, never from the starter files.
    public init() {
        document = Document(textEncoding: .utf16)
    }

    // MARK: Sync

    /// Forgets what the server is believed to have (on `welcome` and `reset`).
    public func resetSyncState() {
        syncState = SyncState()
    }

    /// The next sync message for the server, or nil when there is nothing to say.
    public func generateSyncMessage() -> Data? {
        document.generateSyncMessage(state: syncState)
    }

    /// Applies a server sync message; true when the document changed.
    @discardableResult
    public func receiveSyncMessage(_ message: Data) throws -> Bool {
        let before = document.heads()
        try document.receiveSyncMessage(state: syncState, message: message)
        return document.heads() != before
    }

    /// Applies other clients' changes (relay mode); Automerge queues any whose dependencies are missing.
    @discardableResult
    public func applyChanges(_ changes: [Data]) throws -> Bool {
        let before = document.heads()
        for change in changes { try document.applyEncodedChanges(encoded: change) }
        return document.heads() != before
    }

    /// Replaces the replica with the server's saved document (`reset`) and restarts sync.
    /// Loaded into a fresh `.utf16` document so offsets keep their meaning.
    public func replace(withSaved bytes: Data) throws {
        let fresh = Document(textEncoding: .utf16)
        try fresh.applyEncodedChanges(encoded: bytes)
        document = fresh
        syncState = SyncState()
    }

    /// Everything, as `Automerge.save()` bytes.
    public func save() -> Data {
        document.save()
    }

    // MARK: Files

    private var filesObject: ObjId? {
        guard case let .Object(id, .Map)? = try? document.get(obj: .ROOT, key: "files") else { return nil }
        return id
    }

    private func textObject(_ path: String) -> ObjId? {
        guard let files = filesObject, case let .Object(id, .Text)? = try? document.get(obj: files, key: path) else { return nil }
        return id
    }

    /// False until the room's document arrived: nobody may create `files` themselves (§10a).
    public var hasFiles: Bool { filesObject != nil }

    /// File paths, sorted.
    public var paths: [String] {
        guard let files = filesObject else { return [] }
        return document.keys(obj: files).sorted()
    }

    /// The text of `path`, or "" when there is no such file.
    public func text(_ path: String) -> String {
        guard let id = textObject(path) else { return "" }
        return (try? document.text(obj: id)) ?? ""
    }

    /// Replaces `length` UTF-16 units at `offset` of `path` with `replacement`.
    /// Returns false (and changes nothing) when the file does not exist or the range is outside the text.
    @discardableResult
    public func splice(path: String, offset: Int, length: Int, replacement: String) throws -> Bool {
        guard let id = textObject(path), offset >= 0, length >= 0 else { return false }
        let count = Int(document.length(obj: id))
        guard offset + length <= count else { return false }
        try document.spliceText(obj: id, start: UInt64(offset), delete: Int64(length), value: replacement)
        return true
    }

    /// Creates a new file (as Automerge text, as the room requires) once the room's document is here.
    @discardableResult
    public func createFile(path: String, text: String = "") throws -> Bool {
        guard let files = filesObject, textObject(path) == nil, !path.isEmpty, path.utf16.count <= DojoLimits.pathChars else { return false }
        let id = try document.putObject(obj: files, key: path, ty: .Text)
        if !text.isEmpty { try document.spliceText(obj: id, start: 0, delete: 0, value: text) }
        return true
    }
}
