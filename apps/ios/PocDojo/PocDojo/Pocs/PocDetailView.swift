import PocDojoKit
import SwiftUI
import UniformTypeIdentifiers

/// One POC: its fields, attachments (upload from Files, open), edit and delete.
struct PocDetailView: View {
    @State private var model: PocEditorModel
    @State private var editing = false
    @State private var confirmDelete = false
    @State private var picking = false
    @Environment(\.dismiss) private var dismiss
    @Environment(\.openURL) private var openURL
    private let pocId: String

    init(api: APIClient, pocId: String) {
        self.pocId = pocId
        _model = State(initialValue: PocEditorModel(api: api))
    }

    var body: some View {
        List {
            if let poc = model.poc {
                Section {
                    Text(poc.name).font(.title2.bold())
                    if !poc.description.isEmpty { Text(poc.description) }
                    LabeledContent(tr("poc_status"), value: statusName(poc.status))
                    if !poc.languages.isEmpty { LabeledContent(tr("poc_languages"), value: poc.languages.joined(separator: ", ")) }
                    if !poc.tags.isEmpty { LabeledContent(tr("poc_tags"), value: poc.tags.joined(separator: ", ")) }
                    if let started = poc.startedAt { LabeledContent(tr("poc_started"), value: started) }
                    if let finished = poc.finishedAt { LabeledContent(tr("poc_finished"), value: finished) }
                    if let repo = poc.repoUrl, let url = URL(string: repo) {
                        Button(tr("poc_open_repo")) { openURL(url) }
                    }
                    Text(tr("poc_version", poc.version, poc.updatedAt)).font(.caption).foregroundStyle(.secondary)
                }
                Section(tr("attachments_title")) {
                    if model.attachments.isEmpty { Text(tr("attachments_empty")).foregroundStyle(.secondary) }
                    ForEach(model.attachments) { attachment in
                        Button {
                            if let url = URL(string: attachment.url) { openURL(url) }
                        } label: {
                            VStack(alignment: .leading) {
                                Text(attachment.fileName)
                                Text(tr("attachments_details", attachment.contentType, ByteCountFormatter.string(fromByteCount: Int64(attachment.bytes), countStyle: .file)))
                                    .font(.caption).foregroundStyle(.secondary)
                            }
                        }
                        .accessibilityLabel(tr("attachments_open", attachment.fileName))
                    }
                    if let uploading = model.uploading {
                        ProgressView(tr("attachments_uploading", uploading))
                    }
                    Button(tr("attachments_add")) { picking = true }
                }
            } else if model.busy {
                ProgressView(tr("common_loading"))
            }
            ErrorBanner(error: model.error)
        }
        .navigationTitle(model.poc?.name ?? "")
        .toolbar {
            ToolbarItemGroup(placement: .primaryAction) {
                Button(tr("poc_edit")) { editing = true }.disabled(model.poc == nil)
                Button(role: .destructive) {
                    confirmDelete = true
                } label: {
                    Label(tr("common_delete"), systemImage: "trash")
                }
                .disabled(model.poc == nil)
            }
        }
        .confirmationDialog(tr("poc_delete_confirm_title"), isPresented: $confirmDelete, titleVisibility: .visible) {
            Button(tr("common_delete"), role: .destructive) {
                Task {
                    await model.delete()
                    if model.deleted { dismiss() }
                }
            }
        } message: {
            Text(tr("poc_delete_confirm", model.poc?.name ?? ""))
        }
        .fileImporter(isPresented: $picking, allowedContentTypes: [.item], allowsMultipleSelection: true) { result in
            guard case let .success(urls) = result else { return }
            Task {
                for url in urls { await upload(url) }
            }
        }
        .sheet(isPresented: $editing, onDismiss: { Task { await model.load(id: pocId) } }) {
            NavigationStack { PocEditorView(model: model) }
        }
        .task { await model.load(id: pocId) }
    }

    /// Files from the picker are security-scoped: copy them out before the upload reads them.
    private func upload(_ url: URL) async {
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(url.lastPathComponent)
        try? FileManager.default.removeItem(at: copy)
        guard (try? FileManager.default.copyItem(at: url, to: copy)) != nil else { return }
        await model.attach(fileAt: copy)
        try? FileManager.default.removeItem(at: copy)
    }
}

func statusName(_ status: PocStatus) -> String {
    tr("poc_status_\(status.rawValue)")
}
