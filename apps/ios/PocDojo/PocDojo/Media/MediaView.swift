import PocDojoKit
import SwiftUI

/// Reports (PDF, CSV, JSON) and the yearly video: request, watch progress, open or share.
struct MediaView: View {
    @State private var model: MediaModel
    @State private var scope: ReportScope = .me
    @State private var format: ReportFormat = .pdf
    @State private var from = Calendar.current.date(byAdding: .year, value: -1, to: .now) ?? .now
    @State private var to = Date.now
    @State private var year = Calendar.current.component(.year, from: .now)
    @Environment(\.openURL) private var openURL

    init(api: APIClient) {
        _model = State(initialValue: MediaModel(api: api))
    }

    var body: some View {
        Form {
            Section(tr("media_report")) {
                Picker(tr("media_scope"), selection: $scope) {
                    Text(tr("media_scope_tenant")).tag(ReportScope.tenant)
                    Text(tr("media_scope_me")).tag(ReportScope.me)
                }
                DatePicker(tr("media_from"), selection: $from, displayedComponents: .date)
                DatePicker(tr("media_to"), selection: $to, displayedComponents: .date)
                Picker(tr("media_format"), selection: $format) {
                    ForEach(ReportFormat.allCases, id: \.self) { Text($0.rawValue.uppercased()).tag($0) }
                }
                Button(tr("media_request_report")) {
                    Task { await model.requestReport(ReportRequest(scope: scope, from: day(from), to: day(to), format: format)) }
                }
                .disabled(model.busy || from >= to)
            }
            Section(tr("media_video")) {
                Text(tr("media_video_explain")).font(.caption)
                Stepper(value: $year, in: 2000...2100) {
                    Text("\(tr("media_year")): \(String(year))")
                }
                Button(tr("media_request_video")) { Task { await model.requestVideo(year: year) } }
                    .disabled(model.busy)
            }
            ErrorBanner(error: model.error)
            Section(tr("media_jobs")) {
                if model.jobs.isEmpty { Text(tr("media_no_jobs")).foregroundStyle(.secondary) }
                ForEach(model.jobs) { job in
                    JobRow(job: job, open: { url in openURL(url) })
                }
            }
        }
        .navigationTitle(tr("media_title"))
        .refreshable { await model.load() }
        .task {
            await model.load()
            model.followUnfinished()
        }
    }

    /// `YYYY-MM-DD` in the user's calendar day.
    private func day(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// One job: what it is, its progress, and when ready, open and share.
struct JobRow: View {
    let job: Job
    let open: (URL) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(title).font(.headline)
            switch job.status {
            case .queued:
                ProgressView(value: Double(job.progress), total: 100) { Text(tr("media_job_queued", job.progress)) }
                    .accessibilityLabel(tr("media_job_progress", title))
            case .running:
                ProgressView(value: Double(job.progress), total: 100) { Text(tr("media_job_running", job.progress)) }
                    .accessibilityLabel(tr("media_job_progress", title))
            case .succeeded:
                if let result = job.result, let url = URL(string: result.url) {
                    HStack {
                        Text(tr("media_job_succeeded")).foregroundStyle(.green)
                        Spacer()
                        Button(tr("media_open")) { open(url) }.buttonStyle(.bordered)
                        ShareLink(item: url) { Label(tr("media_share"), systemImage: "square.and.arrow.up") }
                            .accessibilityLabel(tr("media_share_title", title))
                    }
                }
            case .failed:
                Text("\(tr("media_job_failed")): \(job.error ?? "")").foregroundStyle(.red)
            }
        }
    }

    private var title: String {
        let detail = job.params["year"].flatMap { value -> String? in
            if case let .number(year) = value { return String(Int(year)) }
            return value.stringValue
        } ?? job.params["format"]?.stringValue ?? ""
        return job.kind == .video ? tr("media_job_video", detail) : tr("media_job_report", detail)
    }
}
