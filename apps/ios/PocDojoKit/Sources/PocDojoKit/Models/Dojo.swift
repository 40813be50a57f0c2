import Foundation

public enum DojoStatus: String, Codable, Sendable, CaseIterable {
    case scheduled
    case live
    case finished
}

public struct Dojo: Codable, Equatable, Sendable, Identifiable, Hashable {
    public var id: String
    public var title: String
    public var facilitatorId: String
    public var kataId: String?
    public var language: KataLanguage
    public var durationMinutes: Double
    public var rotationMinutes: Double
    public var editPolicy: EditPolicy
    public var scheduledAt: String?
    public var endedAt: String?
    public var status: DojoStatus
    public var createdAt: String
    public var version: Double
}

public struct DojoCreate: Encodable, Equatable, Sendable {
    public var title: String
    public var kataId: String?
    public var language: KataLanguage
    /// 5…480.
    public var durationMinutes: Int
    /// 1…120.
    public var rotationMinutes: Int
    public var editPolicy: EditPolicy
    public var scheduledAt: String?

    public init(
        title: String, kataId: String?, language: KataLanguage, durationMinutes: Int = 60,
        rotationMinutes: Int = 7, editPolicy: EditPolicy = .driver, scheduledAt: String? = nil
    ) {
        self.title = title
        self.kataId = kataId
        self.language = language
        self.durationMinutes = durationMinutes
        self.rotationMinutes = rotationMinutes
        self.editPolicy = editPolicy
        self.scheduledAt = scheduledAt
    }
}

/// `POST /v1/dojos/:id/tickets`: a ~60 s ticket for one join. Ask for a new one per join.
public struct DojoTicket: Codable, Equatable, Sendable {
    public var ticket: String
    public var engineUrl: String
    public var roomName: String
    public var expiresIn: Double

    public init(ticket: String, engineUrl: String, roomName: String = DojoProtocol.roomName, expiresIn: Double = 60) {
        self.ticket = ticket
        self.engineUrl = engineUrl
        self.roomName = roomName
        self.expiresIn = expiresIn
    }

    public var engineURL: URL? { URL(string: engineUrl) }
}
