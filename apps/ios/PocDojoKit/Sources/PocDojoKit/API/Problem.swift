import Foundation

/// An `application/problem+json` answer (RFC 9457) of platform-api.
public struct Problem: Decodable, Equatable, Sendable {
    public struct FieldError: Decodable, Equatable, Sendable {
        public var field: String
        public var message: String
        public var code: String?
    }

    public var type: String?
    public var title: String
    public var status: Int
    public var code: ProblemCode
    public var detail: String?
    public var instance: String?
    public var errors: [FieldError]?
    public var requestId: String?

    public init(status: Int, code: ProblemCode, title: String, detail: String? = nil, errors: [FieldError]? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    /// The message for `field`, when the server named one.
    public func message(for field: String) -> String? {
        errors?.first { $0.field == field }?.message
    }
}

/// platform-api's error codes (platform-api/src/errors.ts). Open: unknown codes decode as themselves.
public struct ProblemCode: RawRepresentable, Hashable, Sendable, Decodable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public var description: String { rawValue }

    public static let validationFailed = Self(rawValue: "validation_failed")
    public static let invalidJSON = Self(rawValue: "invalid_json")
    public static let unauthenticated = Self(rawValue: "unauthenticated")
    public static let tokenExpired = Self(rawValue: "token_expired")
    public static let tokenInvalid = Self(rawValue: "token_invalid")
    public static let invalidCredentials = Self(rawValue: "invalid_credentials")
    public static let refreshTokenInvalid = Self(rawValue: "refresh_token_invalid")
    public static let refreshTokenReused = Self(rawValue: "refresh_token_reused")
    public static let forbidden = Self(rawValue: "forbidden")
    public static let notFound = Self(rawValue: "not_found")
    public static let slugTaken = Self(rawValue: "slug_taken")
    public static let emailTaken = Self(rawValue: "email_taken")
    public static let lastOwner = Self(rawValue: "last_owner")
    public static let memberHasPocs = Self(rawValue: "member_has_pocs")
    public static let versionConflict = Self(rawValue: "version_conflict")
    public static let preconditionRequired = Self(rawValue: "precondition_required")
    public static let payloadTooLarge = Self(rawValue: "payload_too_large")
    public static let unsupportedMediaType = Self(rawValue: "unsupported_media_type")
    public static let rateLimited = Self(rawValue: "rate_limited")
    public static let searchUnavailable = Self(rawValue: "search_unavailable")
}

/// Everything a platform-api call can fail with, typed so screens can react precisely.
public enum APIError: Error, Equatable, Sendable, LocalizedError {
    /// The server refused the request and said why.
    case problem(Problem)
    /// No session, or the refresh token was refused (expired, revoked or reused): sign in again.
    case signedOut
    /// The network or TLS failed before an answer.
    case transport(String)
    /// An answer that is neither the expected body nor problem+json.
    case unexpected(status: Int, detail: String)

    public var problem: Problem? {
        if case let .problem(problem) = self { return problem }
        return nil
    }

    /// The problem's code, when there is one.
    public var code: ProblemCode? { problem?.code }

    public var errorDescription: String? {
        switch self {
        case let .problem(problem): return problem.detail ?? problem.title
        case .signedOut: return "Your session ended. Sign in again."
        case let .transport(message): return message
        case let .unexpected(status, detail): return "Unexpected answer (\(status)): \(detail)"
        }
    }
}
