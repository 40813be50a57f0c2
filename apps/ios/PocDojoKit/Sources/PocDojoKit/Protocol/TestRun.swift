import Foundation

/// A test run and its traffic light (docs/protocol.md §7.3). `colour` is nil until `status` is "done".
public struct TestRun: Equatable, Sendable, Identifiable {
    public var id: String { runId }
    public var runId: String
    /// "queued", "running" or "done".
    public var status: String
    public var language: String
    public var byUserId: String
    public var byName: String
    /// Epoch milliseconds on the server clock.
    public var requestedAt: Double
    public var startedAt: Double?
    public var finishedAt: Double?
    /// Automerge heads of the document the tests ran against; empty while queued.
    public var heads: [String]
    /// "red", "amber" or "green" once done.
    public var colour: String?
    /// Why the light is amber (compile-error, timeout, …).
    public var reason: String?
    public var summary: String
    public var failingTests: [String]
    public var output: String
    public var outputTruncated: Bool
    public var durationMs: Double?

    init(_ value: MessagePackValue) throws {
        runId = try value.field("runId").asString()
        status = try value.field("status").asString()
        language = try value.field("language").asString()
        byUserId = try value.field("byUserId").asString()
        byName = try value.field("byName").asString()
        requestedAt = try value.field("requestedAt").asDouble()
        startedAt = try Self.optionalDouble(value.field("startedAt"))
        finishedAt = try Self.optionalDouble(value.field("finishedAt"))
        heads = try value.field("heads").asArray().map { try $0.asString() }
        colour = try value.field("colour").optionalString()
        reason = try value.field("reason").optionalString()
        summary = try value.field("summary").asString()
        failingTests = try value.field("failingTests").asArray().map { try $0.asString() }
        output = try value.field("output").asString()
        outputTruncated = try value.field("outputTruncated").asBool()
        durationMs = try Self.optionalDouble(value.field("durationMs"))
    }

    private static func optionalDouble(_ value: MessagePackValue) throws -> Double? {
        try value.isNil ? nil : value.asDouble()
    }
}
