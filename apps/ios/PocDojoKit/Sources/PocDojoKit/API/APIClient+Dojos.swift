import Foundation

public extension APIClient {
    func katas() async throws -> [KataSummary] {
        let list: Items<KataSummary> = try await get("v1/katas")
        return list.items
    }

    func kata(id: String) async throws -> Kata {
        try await get("v1/katas/\(id)")
    }

    func dojos(status: DojoStatus? = nil, cursor: String? = nil, limit: Int = 50) async throws -> Page<Dojo> {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let status { query.append(URLQueryItem(name: "status", value: status.rawValue)) }
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        return try await get("v1/dojos", query: query)
    }

    func dojo(id: String) async throws -> Dojo {
        try await get("v1/dojos/\(id)")
    }

    /// Schedules a dojo; the caller becomes its facilitator.
    func createDojo(_ dojo: DojoCreate) async throws -> Dojo {
        try await send("POST", "v1/dojos", body: dojo)
    }

    /// Ends a dojo for good (facilitator or admin).
    func finishDojo(id: String) async throws -> Dojo {
        struct Body: Encodable { var finished = true }
        return try await send("PATCH", "v1/dojos/\(id)", body: Body())
    }

    func deleteDojo(id: String) async throws {
        try await perform("DELETE", "v1/dojos/\(id)")
    }

    /// A fresh, short-lived ticket to join the dojo's room: ask for one per join.
    func ticket(dojoId: String) async throws -> DojoTicket {
        try await call("POST", "v1/dojos/\(dojoId)/tickets")
    }
}
