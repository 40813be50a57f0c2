import Foundation

/// A member's role in their team.
public enum MemberRole: String, Codable, Sendable, CaseIterable {
    case owner
    case admin
    case member
}

public struct Tenant: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var slug: String
}

public struct Member: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var email: String
    public var role: MemberRole
    public var locale: String
    /// False until the member follows the confirmation link e-mailed to them.
    public var emailVerified: Bool
    public var pendingEmail: String?
    public var createdAt: String
}

/// `GET /v1/me`: the signed-in member and their team id.
public struct Me: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var email: String
    public var role: MemberRole
    public var locale: String
    public var emailVerified: Bool
    public var pendingEmail: String?
    public var createdAt: String
    public var tenantId: String

    public var isAdmin: Bool { role == .owner || role == .admin }
}

/// Access and refresh token, as stored by a ``TokenStore``.
public struct TokenPair: Codable, Equatable, Sendable {
    public var accessToken: String
    public var refreshToken: String

    public init(accessToken: String, refreshToken: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
    }
}

/// `POST /v1/auth/refresh` answer.
struct RefreshedTokens: Decodable, Sendable {
    var accessToken: String
    var refreshToken: String
    var expiresIn: Int
}

/// `POST /v1/signup` and `POST /v1/auth/login` answer.
public struct AuthSession: Codable, Equatable, Sendable {
    public var accessToken: String
    public var refreshToken: String
    public var tokenType: String
    /// Seconds the access token lives.
    public var expiresIn: Int
    public var tenant: Tenant
    public var user: Member

    public var tokens: TokenPair { TokenPair(accessToken: accessToken, refreshToken: refreshToken) }
}

public struct SignupRequest: Encodable, Equatable, Sendable {
    public var tenantName: String
    /// Derived from the name by the server when nil.
    public var tenantSlug: String?
    public var name: String
    public var email: String
    public var password: String

    public init(tenantName: String, tenantSlug: String? = nil, name: String, email: String, password: String) {
        self.tenantName = tenantName
        self.tenantSlug = tenantSlug
        self.name = name
        self.email = email
        self.password = password
    }
}

public struct LoginRequest: Encodable, Equatable, Sendable {
    /// The team's slug.
    public var tenant: String
    public var email: String
    public var password: String

    public init(tenant: String, email: String, password: String) {
        self.tenant = tenant
        self.email = email
        self.password = password
    }
}
