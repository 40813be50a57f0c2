import Foundation
import Observation

/// One POC: view, create, edit (with If-Match), delete, and its attachments.
@MainActor
@Observable
public final class PocEditorModel {
    public private(set) var poc: Poc?
    public var input = PocInput()
    /// Comma-separated editing forms of the lists.
    public var languagesText = ""
    public var tagsText = ""
    public private(set) var attachments: [Attachment] = []
    public private(set) var busy = false
    public private(set) var uploading: String?
    public private(set) var error: APIError?
    /// Someone else saved a newer version: ours was not saved.
    public private(set) var conflict = false
    public private(set) var deleted = false

    private let api: APIClient

    /// `poc == nil`: a new POC.
    public init(api: APIClient, poc: Poc? = nil) {
        self.api = api
        if let poc { adopt(poc) }
    }

    public var isNew: Bool { poc == nil }

    private func adopt(_ poc: Poc) {
        self.poc = poc
        input = PocInput(poc)
        languagesText = poc.languages.joined(separator: ", ")
        tagsText = poc.tags.joined(separator: ", ")
    }

    /// `"a, b,,c "` → `["a", "b", "c"]`.
    public static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public func load(id: String) async {
        await run {
            self.adopt(try await self.api.poc(id: id))
            self.attachments = try await self.api.attachments(pocId: id)
        }
    }

    /// Creates or saves; returns the saved POC.
    @discardableResult
    public func save() async -> Poc? {
        var edited = input
        edited.languages = Self.list(languagesText)
        edited.tags = Self.list(tagsText)
        edited.repoUrl = edited.repoUrl?.isEmpty == true ? nil : edited.repoUrl
        edited.startedAt = edited.startedAt?.isEmpty == true ? nil : edited.startedAt
        edited.finishedAt = edited.finishedAt?.isEmpty == true ? nil : edited.finishedAt
        conflict = false
        var saved: Poc?
        await run {
            if let poc = self.poc {
                saved = try await self.api.updatePoc(id: poc.id, version: poc.version, edited)
            } else {
                saved = try await self.api.createPoc(edited)
            }
        }
        if let saved { adopt(saved) }
        if error?.code == .versionConflict { conflict = true }
        return saved
    }

    /// After a conflict: load their version (our edits are dropped, as the banner says).
    public func reload() async {
        guard let id = poc?.id else { return }
        conflict = false
        await load(id: id)
    }

    public func delete() async {
        guard let poc else { return }
        await run {
            try await self.api.deletePoc(id: poc.id, version: poc.version)
            self.deleted = true
        }
        if error?.code == .versionConflict { conflict = true }
    }

    /// Uploads a local file through a presigned URL, then refreshes the list.
    public func attach(fileAt url: URL) async {
        guard let poc else { return }
        let name = url.lastPathComponent
        guard let contentType = AttachmentType.contentType(forFileName: name) else {
            error = .problem(Problem(status: 415, code: .unsupportedMediaType, title: "Unsupported Media Type", detail: name))
            return
        }
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        guard size > 0, size <= AttachmentType.maxBytes else {
            error = .problem(Problem(status: 413, code: .payloadTooLarge, title: "Payload Too Large", detail: name))
            return
        }
        uploading = name
        defer { uploading = nil }
        await run {
            let slot = try await self.api.requestUpload(pocId: poc.id, AttachmentRequest(fileName: name, contentType: contentType, bytes: size))
            try await self.api.upload(url, to: slot)
            self.attachments = try await self.api.attachments(pocId: poc.id)
        }
    }

    private func run(_ work: @escaping () async throws -> Void) async {
        busy = true
        error = nil
        defer { busy = false }
        do {
            try await work()
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
    }
}
