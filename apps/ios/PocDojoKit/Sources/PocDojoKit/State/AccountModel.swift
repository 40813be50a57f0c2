import Foundation
import Observation

/// Who is signed in, and the account actions (sign-up, login, logout, password).
@MainActor
@Observable
public final class AccountModel {
    public enum State: Equatable {
        /// Checking stored tokens at launch.
        case unknown
        case signedOut
        case signedIn(Me)
    }

    public private(set) var state: State = .unknown
    public private(set) var tenant: Tenant?
    public private(set) var busy = false
    public private(set) var error: APIError?
    public private(set) var passwordChanged = false

    public let api: APIClient

    public init(api: APIClient) {
        self.api = api
    }

    public var me: Me? {
        if case let .signedIn(me) = state { return me }
        return nil
    }

    /// At launch: stored tokens → `me` (refreshing them if needed), else signed out.
    public func restore() async {
        guard await api.hasSession() else {
            state = .signedOut
            return
        }
        do {
            state = .signedIn(try await api.me())
        } catch APIError.transport(let message) {
            // Offline at launch: keep the session, say why nothing loads.
            error = .transport(message)
            state = .signedOut
        } catch {
            state = .signedOut
        }
    }

    public func signUp(_ request: SignupRequest) async {
        await run {
            let session = try await self.api.signUp(request)
            self.tenant = session.tenant
            self.state = .signedIn(try await self.api.me())
        }
    }

    public func logIn(_ request: LoginRequest) async {
        await run {
            let session = try await self.api.logIn(request)
            self.tenant = session.tenant
            self.state = .signedIn(try await self.api.me())
        }
    }

    public func logOut() async {
        await api.logOut()
        tenant = nil
        state = .signedOut
    }

    public func changePassword(current: String, new: String) async {
        passwordChanged = false
        await run {
            try await self.api.changePassword(current: current, new: new)
            self.passwordChanged = true
            self.state = .signedIn(try await self.api.me())
        }
    }

    /// Any call that answered `signedOut` ends the session here too.
    public func handle(_ error: Error) {
        if let error = error as? APIError, error == .signedOut {
            tenant = nil
            state = .signedOut
        }
    }

    public func clearError() {
        error = nil
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
