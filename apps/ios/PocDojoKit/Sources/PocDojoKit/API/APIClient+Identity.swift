import Foundation

public extension APIClient {
    /// Creates a team and its owner, and starts their session.
    func signUp(_ request: SignupRequest) async throws -> AuthSession {
        let session: AuthSession = try await send("POST", "v1/signup", body: request, authenticated: false)
        try await begin(session)
        return session
    }

    func logIn(_ request: LoginRequest) async throws -> AuthSession {
        let session: AuthSession = try await send("POST", "v1/auth/login", body: request, authenticated: false)
        try await begin(session)
        return session
    }

    /// Revokes the refresh token family on the server (best effort) and forgets the tokens.
    func logOut() async {
        struct Body: Encodable { var refreshToken: String }
        guard let tokens = await end() else { return }
        try? await perform("POST", "v1/auth/logout", body: Body(refreshToken: tokens.refreshToken), authenticated: false)
    }

    func me() async throws -> Me {
        try await get("v1/me")
    }

    func changePassword(current: String, new: String) async throws {
        struct Body: Encodable { var currentPassword: String; var newPassword: String }
        try await perform("POST", "v1/me/password", body: Body(currentPassword: current, newPassword: new))
    }

    func members() async throws -> [Member] {
        let list: Items<Member> = try await get("v1/members")
        return list.items
    }
}
