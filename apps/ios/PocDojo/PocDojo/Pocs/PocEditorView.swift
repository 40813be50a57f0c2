import PocDojoKit
import SwiftUI

/// Create or edit a POC. Edits carry the version they started from (If-Match); a conflict says so.
struct PocEditorView: View {
    @Bindable var model: PocEditorModel
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            if model.conflict {
                Section {
                    Text(tr("poc_conflict")).foregroundStyle(.orange)
                    Button(tr("poc_conflict_reload")) { Task { await model.reload() } }
                }
            }
            Section {
                TextField(tr("poc_name"), text: $model.input.name)
                TextField(tr("poc_description"), text: $model.input.description, axis: .vertical)
                    .lineLimit(3...8)
                TextField(tr("poc_languages"), text: $model.languagesText, prompt: Text(tr("poc_languages_hint")))
                TextField(tr("poc_tags"), text: $model.tagsText, prompt: Text(tr("poc_tags_hint")))
                    .textInputAutocapitalization(.never)
                TextField(tr("poc_repo_url"), text: optional($model.input.repoUrl))
                    .keyboardType(.URL)
                    .textInputAutocapitalization(.never)
                Picker(tr("poc_status"), selection: $model.input.status) {
                    ForEach(PocStatus.allCases, id: \.self) { status in
                        Text(statusName(status)).tag(status)
                    }
                }
                TextField(tr("poc_started"), text: optional($model.input.startedAt))
                    .keyboardType(.numbersAndPunctuation)
                TextField(tr("poc_finished"), text: optional($model.input.finishedAt))
                    .keyboardType(.numbersAndPunctuation)
            }
            ErrorBanner(error: model.conflict ? nil : model.error)
            if let errors = model.error?.problem?.errors {
                ForEach(errors, id: \.field) { error in
                    Text("\(error.field): \(error.message)").font(.caption).foregroundStyle(.red)
                }
            }
        }
        .navigationTitle(model.isNew ? tr("poc_new_title") : tr("poc_edit_title", model.poc?.name ?? ""))
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button(tr("common_cancel")) { dismiss() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button(model.busy ? tr("poc_saving") : (model.isNew ? tr("poc_create") : tr("poc_save"))) {
                    Task {
                        if await model.save() != nil { dismiss() }
                    }
                }
                .disabled(model.busy || model.input.name.trimmingCharacters(in: .whitespaces).isEmpty)
            }
        }
    }

    /// An optional text field edited as a plain one (empty = none).
    private func optional(_ binding: Binding<String?>) -> Binding<String> {
        Binding(get: { binding.wrappedValue ?? "" }, set: { binding.wrappedValue = $0.isEmpty ? nil : $0 })
    }
}
