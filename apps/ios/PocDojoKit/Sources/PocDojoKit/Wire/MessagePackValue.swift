import Foundation

/// A MessagePack value, with maps kept in wire order.
///
/// Why our own small codec rather than a package: the protocol vectors must
/// re-encode byte for byte, which needs ordered maps and the exact format
/// choices msgpackr makes (smallest integer form, float64 for non-integers);
/// the Swift MessagePack packages decode maps into dictionaries and lose the
/// order. Payloads here are small maps of strings and numbers, so the codec is
/// the ~250 lines of `MessagePackReader`/`MessagePackWriter`.
public enum MessagePackValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// Every integer that fits Int64 (positive ones are written in the unsigned forms).
    case int(Int64)
    /// Only integers above Int64.max.
    case uint(UInt64)
    case float(Float)
    case double(Double)
    case string(String)
    case binary(Data)
    case array([MessagePackValue])
    case map([MessagePackEntry])
    case ext(type: Int8, data: Data)
}

/// One key/value pair of a MessagePack map.
public struct MessagePackEntry: Equatable, Sendable {
    public var key: MessagePackValue
    public var value: MessagePackValue

    public init(_ key: MessagePackValue, _ value: MessagePackValue) {
        self.key = key
        self.value = value
    }
}

extension MessagePackValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}

public extension MessagePackValue {
    /// A map with string keys, in the order given.
    static func object(_ pairs: [(String, MessagePackValue)]) -> MessagePackValue {
        .map(pairs.map { MessagePackEntry(.string($0.0), $0.1) })
    }

    /// An optional string as a string or nil.
    static func optional(_ text: String?) -> MessagePackValue {
        text.map { .string($0) } ?? .null
    }

    /// An optional integer as an integer or nil.
    static func optional(_ number: Int?) -> MessagePackValue {
        number.map { .int(Int64($0)) } ?? .null
    }

    var isNil: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value under `key` when this is a map with that string key.
    subscript(key: String) -> MessagePackValue? {
        guard case let .map(entries) = self else { return nil }
        return entries.first { $0.key == .string(key) }?.value
    }

    /// The string keys of a map, in wire order.
    var keys: [String] {
        guard case let .map(entries) = self else { return [] }
        return entries.compactMap { if case let .string(key) = $0.key { return key } else { return nil } }
    }
}

// MARK: - Typed access for payload decoding

public extension MessagePackValue {
    /// The value under `key`; throws when this is not a map or the key is absent.
    func field(_ key: String) throws -> MessagePackValue {
        guard case .map = self else { throw WireError("expected a map holding \"\(key)\"") }
        guard let value = self[key] else { throw WireError("missing field \"\(key)\"") }
        return value
    }

    func asString() throws -> String {
        guard case let .string(text) = self else { throw WireError("expected a string, got \(kind)") }
        return text
    }

    func asBool() throws -> Bool {
        guard case let .bool(flag) = self else { throw WireError("expected a boolean, got \(kind)") }
        return flag
    }

    /// Any MessagePack number as a Double: timestamps arrive as float64 (msgpackr writes
    /// integers beyond 32 bits that way), counts as integers.
    func asDouble() throws -> Double {
        switch self {
        case let .int(value): return Double(value)
        case let .uint(value): return Double(value)
        case let .float(value): return Double(value)
        case let .double(value): return value
        default: throw WireError("expected a number, got \(kind)")
        }
    }

    /// An integral number (an integral float64 counts) as Int.
    func asInt() throws -> Int {
        switch self {
        case let .int(value):
            guard let exact = Int(exactly: value) else { throw WireError("integer out of range") }
            return exact
        case let .uint(value):
            guard let exact = Int(exactly: value) else { throw WireError("integer out of range") }
            return exact
        case .float, .double:
            let number = try asDouble()
            guard let exact = Int(exactly: number) else { throw WireError("expected an integer, got \(number)") }
            return exact
        default:
            throw WireError("expected an integer, got \(kind)")
        }
    }

    func asArray() throws -> [MessagePackValue] {
        guard case let .array(items) = self else { throw WireError("expected an array, got \(kind)") }
        return items
    }

    func asBinary() throws -> Data {
        guard case let .binary(data) = self else { throw WireError("expected binary, got \(kind)") }
        return data
    }

    /// nil for a MessagePack nil (or an absent value), else the string.
    func optionalString() throws -> String? {
        try isNil ? nil : asString()
    }

    func optionalInt() throws -> Int? {
        try isNil ? nil : asInt()
    }

    /// What kind of value this is, for error messages.
    var kind: String {
        switch self {
        case .null: return "nil"
        case .bool: return "boolean"
        case .int, .uint: return "integer"
        case .float, .double: return "float"
        case .string: return "string"
        case .binary: return "binary"
        case .array: return "array"
        case .map: return "map"
        case .ext: return "extension"
        }
    }
}
