import Foundation

/// A file attached to a POC, with a short-lived presigned download URL.
public struct Attachment: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var fileName: String
    public var contentType: String
    public var bytes: Int
    public var createdAt: String
    public var url: String
}

/// The content types the API accepts for attachments, by file extension.
public enum AttachmentType {
    public static let maxBytes = 26_214_400

    public static let byExtension: [String: String] = [
        "pdf": "application/pdf", "zip": "application/zip", "json": "application/json",
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "mp4": "video/mp4",
    ]

    /// The content type for a file name, or nil when the API would refuse it.
    public static func contentType(forFileName name: String) -> String? {
        byExtension[(name as NSString).pathExtension.lowercased()]
    }
}

public struct AttachmentRequest: Encodable, Equatable, Sendable {
    public var fileName: String
    public var contentType: String
    public var bytes: Int

    public init(fileName: String, contentType: String, bytes: Int) {
        self.fileName = fileName
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// Where to PUT the bytes: the URL and headers are signed (size and type included).
public struct UploadSlot: Decodable, Equatable, Sendable {
    public struct Pending: Decodable, Equatable, Sendable {
        public var id: String
        public var fileName: String
        public var contentType: String
        public var bytes: Int
        public var createdAt: String
    }

    public var attachment: Pending
    public var uploadUrl: String
    public var method: String
    public var headers: [String: String]
    public var expiresIn: Double
}
