import PocDojoKit
import SwiftUI

/// POCs with search-as-you-type (typos forgiven), language and tag facets as filters.
struct PocListView: View {
    let api: APIClient
    @State private var model: PocSearchModel
    @State private var creating = false
    @State private var showFilters = false

    init(api: APIClient) {
        self.api = api
        _model = State(initialValue: PocSearchModel(api: api))
    }

    var body: some View {
        List {
            if !model.languages.isEmpty || !model.tags.isEmpty {
                Section {
                    ActiveFilters(model: model)
                }
            }
            Section {
                if model.hits.isEmpty && !model.searching {
                    Text(model.text.isEmpty ? tr("pocs_empty") : tr("pocs_no_results"))
                        .foregroundStyle(.secondary)
                }
                ForEach(model.hits) { hit in
                    NavigationLink(value: hit) {
                        PocRow(hit: hit)
                    }
                }
                if model.hasMore {
                    Button(tr("pocs_load_more")) { Task { await model.loadMore() } }
                }
            } header: {
                if model.total > 0 {
                    Text(tr("pocs_results", model.total))
                }
            }
            ErrorBanner(error: model.error)
        }
        .searchable(text: $model.text, prompt: Text(tr("pocs_search_hint")))
        .overlay(alignment: .top) {
            if model.searching {
                ProgressView().accessibilityLabel(tr("pocs_searching"))
            }
        }
        .navigationTitle(tr("pocs_title"))
        .navigationDestination(for: SearchHit.self) { hit in
            PocDetailView(api: api, pocId: hit.id)
        }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) {
                Button {
                    showFilters = true
                } label: {
                    Label(tr("pocs_filters"), systemImage: "line.3.horizontal.decrease.circle")
                }
            }
            ToolbarItem(placement: .primaryAction) {
                Button {
                    creating = true
                } label: {
                    Label(tr("pocs_new"), systemImage: "plus")
                }
            }
        }
        .sheet(isPresented: $showFilters) {
            NavigationStack { FacetFilterView(model: model) }
        }
        .sheet(isPresented: $creating, onDismiss: { model.search() }) {
            NavigationStack { NewPocView(api: api) }
        }
        .refreshable { model.search() }
        .task { model.search() }
    }
}

/// The editor for a new POC, owning its model for as long as the sheet is up.
struct NewPocView: View {
    @State private var model: PocEditorModel

    init(api: APIClient) {
        _model = State(initialValue: PocEditorModel(api: api))
    }

    var body: some View {
        PocEditorView(model: model)
    }
}

/// One search hit: the highlighted name, then languages and tags.
struct PocRow: View {
    let hit: SearchHit

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HighlightedText(html: hit.highlight.name ?? hit.name).font(.headline)
            if let description = hit.highlight.description {
                HighlightedText(html: description).font(.subheadline).foregroundStyle(.secondary).lineLimit(2)
            }
            Text((hit.languages + hit.tags.map { "#\($0)" }).joined(separator: " · "))
                .font(.caption)
                .foregroundStyle(.secondary)
        }
        .accessibilityElement(children: .combine)
    }
}

/// The search's `<mark>` highlights as bold, tinted runs.
struct HighlightedText: View {
    let html: String

    var body: some View {
        HighlightMarkup.runs(html).reduce(Text(verbatim: "")) { text, run in
            text + (run.marked ? Text(verbatim: run.text).bold().foregroundColor(.accentColor) : Text(verbatim: run.text))
        }
    }
}

/// Chips for the filters in force; tapping one removes it.
struct ActiveFilters: View {
    let model: PocSearchModel

    var body: some View {
        ScrollView(.horizontal, showsIndicators: false) {
            HStack {
                ForEach(model.languages.sorted(), id: \.self) { value in
                    Button("\(value) ✕") { model.toggleLanguage(value) }.buttonStyle(.bordered)
                }
                ForEach(model.tags.sorted(), id: \.self) { value in
                    Button("#\(value) ✕") { model.toggleTag(value) }.buttonStyle(.bordered)
                }
                Button(tr("pocs_clear_search")) { model.clear() }
            }
        }
    }
}

/// Language and tag facets with their counts among all matches.
struct FacetFilterView: View {
    let model: PocSearchModel
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        List {
            Section(tr("pocs_facet_languages")) {
                ForEach(PocSearchModel.sorted(model.facets.languages), id: \.value) { facet in
                    facetRow(facet.value, facet.count, selected: model.languages.contains(facet.value)) {
                        model.toggleLanguage(facet.value)
                    }
                }
            }
            Section(tr("pocs_facet_tags")) {
                ForEach(PocSearchModel.sorted(model.facets.tags), id: \.value) { facet in
                    facetRow(facet.value, facet.count, selected: model.tags.contains(facet.value)) {
                        model.toggleTag(facet.value)
                    }
                }
            }
        }
        .navigationTitle(tr("pocs_filters"))
        .toolbar {
            Button(tr("common_close")) { dismiss() }
        }
    }

    private func facetRow(_ value: String, _ count: Int, selected: Bool, toggle: @escaping () -> Void) -> some View {
        Button(action: toggle) {
            HStack {
                Text(tr("pocs_facet_value", value, count))
                Spacer()
                if selected { Image(systemName: "checkmark") }
            }
        }
        .accessibilityAddTraits(selected ? .isSelected : [])
    }
}
