import Foundation
import Observation

/// Reports and yearly videos: request, follow progress, then open or share the result.
@MainActor
@Observable
public final class MediaModel {
    public private(set) var jobs: [Job] = []
    public private(set) var busy = false
    public private(set) var error: APIError?

    /// Pause between two progress polls of a running job.
    public static let pollInterval: Duration = .seconds(1)

    private let api: APIClient
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(api: APIClient, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.api = api
        self.sleep = sleep
    }

    public func load() async {
        do {
            jobs = try await api.jobs()
            error = nil
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
    }

    public func requestReport(_ request: ReportRequest) async {
        await start { try await self.api.requestReport(request) }
    }

    public func requestVideo(year: Int) async {
        await start { try await self.api.requestVideo(VideoRequest(year: year)) }
    }

    private func start(_ request: @escaping () async throws -> String) async {
        busy = true
        defer { busy = false }
        do {
            let id = try await request()
            let job = try await api.job(id: id)
            jobs.insert(job, at: 0)
            error = nil
            Task { await self.follow(id) }
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
    }

    /// Polls one job until it succeeds or fails, updating the list as it goes.
    public func follow(_ id: String) async {
        while !Task.isCancelled {
            do {
                try await sleep(Self.pollInterval)
                let job = try await api.job(id: id)
                if let index = jobs.firstIndex(where: { $0.id == id }) { jobs[index] = job }
                if job.status.isFinished { return }
            } catch {
                return
            }
        }
    }

    /// Follows every unfinished job (after a relaunch).
    public func followUnfinished() {
        for job in jobs where !job.status.isFinished {
            Task { await self.follow(job.id) }
        }
    }
}
