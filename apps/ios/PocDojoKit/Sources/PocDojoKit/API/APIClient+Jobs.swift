import Foundation

public extension APIClient {
    /// Asks for a report; returns the job id to follow with ``job(id:)``.
    func requestReport(_ request: ReportRequest) async throws -> String {
        let created: JobCreated = try await send("POST", "v1/reports", body: request)
        return created.jobId
    }

    /// Asks for a yearly video (yours, or a member's for admins).
    func requestVideo(_ request: VideoRequest) async throws -> String {
        let created: JobCreated = try await send("POST", "v1/videos", body: request)
        return created.jobId
    }

    func job(id: String) async throws -> Job {
        try await get("v1/jobs/\(id)")
    }

    func jobs(limit: Int = 50) async throws -> [Job] {
        let list: Items<Job> = try await get("v1/jobs", query: [URLQueryItem(name: "limit", value: String(limit))])
        return list.items
    }
}
