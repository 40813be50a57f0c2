import PocDojoKit
import SwiftUI

/// Live, scheduled and finished dojos; create one from a kata; join.
struct DojoListView: View {
    @State private var model: DojoListModel
    @State private var creating = false

    init(api: APIClient) {
        _model = State(initialValue: DojoListModel(api: api))
    }

    var body: some View {
        List {
            section(tr("dojos_live"), .live)
            section(tr("dojos_scheduled"), .scheduled)
            section(tr("dojos_finished"), .finished)
            ErrorBanner(error: model.error)
        }
        .navigationTitle(tr("dojos_title"))
        .navigationDestination(for: Dojo.self) { dojo in
            DojoRoomView(dojo: dojo, lobby: model)
        }
        .toolbar {
            Button {
                creating = true
            } label: {
                Label(tr("dojos_create"), systemImage: "plus")
            }
        }
        .sheet(isPresented: $creating) {
            NavigationStack { DojoCreateView(model: model) }
        }
        .refreshable { await model.load() }
        .task { await model.load() }
    }

    @ViewBuilder
    private func section(_ title: String, _ status: DojoStatus) -> some View {
        let dojos = model.dojos(status)
        if !dojos.isEmpty {
            Section(title) {
                ForEach(dojos) { dojo in
                    NavigationLink(value: dojo) {
                        VStack(alignment: .leading) {
                            Text(dojo.title).font(.headline)
                            Text(tr("dojos_summary", dojo.language.rawValue, Int(dojo.durationMinutes), Int(dojo.rotationMinutes)))
                                .font(.caption).foregroundStyle(.secondary)
                        }
                    }
                    .disabled(status == .finished)
                    .accessibilityHint(tr("dojos_join"))
                }
            }
        }
    }
}

/// Schedules a dojo from a kata (or free coding); the creator facilitates it.
struct DojoCreateView: View {
    let model: DojoListModel
    @Environment(\.dismiss) private var dismiss
    @State private var title = ""
    @State private var kataId: String?
    @State private var language: KataLanguage = .typescript
    @State private var duration = 60
    @State private var rotation = 7
    @State private var policy: EditPolicy = .driver
    @State private var busy = false

    var body: some View {
        Form {
            TextField(tr("dojo_create_title"), text: $title)
            Picker(tr("dojo_create_kata"), selection: $kataId) {
                Text(tr("dojo_create_no_kata")).tag(String?.none)
                ForEach(model.katas) { kata in
                    Text(kata.title).tag(String?.some(kata.id))
                }
            }
            Picker(tr("dojo_create_language"), selection: $language) {
                ForEach(model.languages(forKata: kataId)) { language in
                    Text(language.rawValue).tag(language)
                }
            }
            Stepper(value: $duration, in: 5...480, step: 5) {
                Text("\(tr("dojo_create_duration")): \(duration)")
            }
            Stepper(value: $rotation, in: 1...120) {
                Text("\(tr("dojo_create_rotation")): \(rotation)")
            }
            Picker(tr("dojo_create_policy"), selection: $policy) {
                Text(tr("dojo_policy_driver")).tag(EditPolicy.driver)
                Text(tr("dojo_policy_everyone")).tag(EditPolicy.everyone)
            }
            .pickerStyle(.inline)
            ErrorBanner(error: model.error)
        }
        .onChange(of: kataId) {
            let allowed = model.languages(forKata: kataId)
            if !allowed.contains(language), let first = allowed.first { language = first }
            if title.isEmpty, let kata = model.katas.first(where: { $0.id == kataId }) { title = kata.title }
        }
        .navigationTitle(tr("dojos_create"))
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button(tr("common_cancel")) { dismiss() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button(busy ? tr("dojo_create_busy") : tr("dojo_create_submit")) {
                    busy = true
                    Task {
                        let request = DojoCreate(
                            title: title, kataId: kataId, language: language,
                            durationMinutes: duration, rotationMinutes: rotation, editPolicy: policy
                        )
                        let created = await model.create(request)
                        busy = false
                        if created != nil { dismiss() }
                    }
                }
                .disabled(busy || title.trimmingCharacters(in: .whitespaces).isEmpty)
            }
        }
    }
}
