import Foundation
import Observation

/// The team's dojos by status, the kata catalogue, and creating a dojo from a kata.
@MainActor
@Observable
public final class DojoListModel {
    public private(set) var dojos: [Dojo] = []
    public private(set) var katas: [KataSummary] = []
    public private(set) var loading = false
    public private(set) var error: APIError?

    public let api: APIClient

    public init(api: APIClient) {
        self.api = api
    }

    public func dojos(_ status: DojoStatus) -> [Dojo] {
        dojos.filter { $0.status == status }
    }

    public func load() async {
        loading = true
        defer { loading = false }
        do {
            async let page = api.dojos()
            async let catalogue = api.katas()
            dojos = try await page.items
            katas = try await catalogue
            error = nil
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
    }

    /// Languages a kata has starter files for (all, for free coding).
    public func languages(forKata id: String?) -> [KataLanguage] {
        guard let id, let kata = katas.first(where: { $0.id == id }) else { return KataLanguage.allCases }
        return kata.languages
    }

    public func create(_ request: DojoCreate) async -> Dojo? {
        do {
            let dojo = try await api.createDojo(request)
            dojos.insert(dojo, at: 0)
            error = nil
            return dojo
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
        return nil
    }

    public func finish(_ dojo: Dojo) async {
        do {
            let finished = try await api.finishDojo(id: dojo.id)
            if let index = dojos.firstIndex(where: { $0.id == dojo.id }) { dojos[index] = finished }
        } catch let failure as APIError {
            error = failure
        } catch {
            self.error = .transport(error.localizedDescription)
        }
    }

    /// A session for one dojo's room, asking platform-api for a fresh ticket per join.
    public func session(for dojo: Dojo, transport: any DojoTransport = URLSessionDojoTransport()) -> DojoSession {
        let api = self.api
        let id = dojo.id
        return DojoSession(transport: transport, tickets: { try await api.ticket(dojoId: id) })
    }
}
