import Foundation

/// Decodes standard (big-endian) MessagePack, keeping map entries in wire order.
public enum MessagePackReader {
    /// Deepest nesting accepted: a hostile payload cannot exhaust the stack.
    public static let maxDepth = 64

    /// Decodes exactly one value that spans all of `data`.
    public static func decode(_ data: Data) throws -> MessagePackValue {
        var reader = ByteReader(data)
        let value = try read(&reader, depth: 0)
        guard reader.isAtEnd else { throw WireError("\(reader.remaining) bytes after the MessagePack value") }
        return value
    }

    static func read(_ reader: inout ByteReader, depth: Int) throws -> MessagePackValue {
        guard depth <= maxDepth else { throw WireError("MessagePack nested deeper than \(maxDepth)") }
        let prefix = try reader.byte()
        switch prefix {
        case 0x00...0x7f: return .int(Int64(prefix))
        case 0x80...0x8f: return try map(&reader, count: Int(prefix & 0x0f), depth: depth)
        case 0x90...0x9f: return try array(&reader, count: Int(prefix & 0x0f), depth: depth)
        case 0xa0...0xbf: return .string(try reader.utf8(Int(prefix & 0x1f)))
        case 0xc0: return .null
        case 0xc2: return .bool(false)
        case 0xc3: return .bool(true)
        case 0xc4: return .binary(Data(try reader.take(Int(try reader.unsigned(width: 1, bigEndian: true)))))
        case 0xc5: return .binary(Data(try reader.take(Int(try reader.unsigned(width: 2, bigEndian: true)))))
        case 0xc6: return .binary(Data(try reader.take(Int(try reader.unsigned(width: 4, bigEndian: true)))))
        case 0xc7: return try ext(&reader, length: Int(try reader.unsigned(width: 1, bigEndian: true)))
        case 0xc8: return try ext(&reader, length: Int(try reader.unsigned(width: 2, bigEndian: true)))
        case 0xc9: return try ext(&reader, length: Int(try reader.unsigned(width: 4, bigEndian: true)))
        case 0xca: return .float(try reader.float32(bigEndian: true))
        case 0xcb: return .double(try reader.float64(bigEndian: true))
        case 0xcc: return .int(Int64(try reader.unsigned(width: 1, bigEndian: true)))
        case 0xcd: return .int(Int64(try reader.unsigned(width: 2, bigEndian: true)))
        case 0xce: return .int(Int64(try reader.unsigned(width: 4, bigEndian: true)))
        case 0xcf:
            let value = try reader.unsigned(width: 8, bigEndian: true)
            return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
        case 0xd0: return .int(try reader.signed(width: 1, bigEndian: true))
        case 0xd1: return .int(try reader.signed(width: 2, bigEndian: true))
        case 0xd2: return .int(try reader.signed(width: 4, bigEndian: true))
        case 0xd3: return .int(try reader.signed(width: 8, bigEndian: true))
        case 0xd4: return try ext(&reader, length: 1)
        case 0xd5: return try ext(&reader, length: 2)
        case 0xd6: return try ext(&reader, length: 4)
        case 0xd7: return try ext(&reader, length: 8)
        case 0xd8: return try ext(&reader, length: 16)
        case 0xd9: return .string(try reader.utf8(Int(try reader.unsigned(width: 1, bigEndian: true))))
        case 0xda: return .string(try reader.utf8(Int(try reader.unsigned(width: 2, bigEndian: true))))
        case 0xdb: return .string(try reader.utf8(Int(try reader.unsigned(width: 4, bigEndian: true))))
        case 0xdc: return try array(&reader, count: Int(try reader.unsigned(width: 2, bigEndian: true)), depth: depth)
        case 0xdd: return try array(&reader, count: Int(try reader.unsigned(width: 4, bigEndian: true)), depth: depth)
        case 0xde: return try map(&reader, count: Int(try reader.unsigned(width: 2, bigEndian: true)), depth: depth)
        case 0xdf: return try map(&reader, count: Int(try reader.unsigned(width: 4, bigEndian: true)), depth: depth)
        case 0xe0...0xff: return .int(Int64(Int8(bitPattern: prefix)))
        default: throw WireError(String(format: "byte 0x%02x is not MessagePack", prefix))
        }
    }

    private static func array(_ reader: inout ByteReader, count: Int, depth: Int) throws -> MessagePackValue {
        // Every element takes at least one byte: a claimed count beyond that is a lie, not an allocation.
        guard count <= reader.remaining else { throw WireError("array of \(count) items in \(reader.remaining) bytes") }
        var items: [MessagePackValue] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try read(&reader, depth: depth + 1)) }
        return .array(items)
    }

    private static func map(_ reader: inout ByteReader, count: Int, depth: Int) throws -> MessagePackValue {
        guard count * 2 <= reader.remaining else { throw WireError("map of \(count) entries in \(reader.remaining) bytes") }
        var entries: [MessagePackEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let key = try read(&reader, depth: depth + 1)
            let value = try read(&reader, depth: depth + 1)
            entries.append(MessagePackEntry(key, value))
        }
        return .map(entries)
    }

    private static func ext(_ reader: inout ByteReader, length: Int) throws -> MessagePackValue {
        let type = Int8(bitPattern: try reader.byte())
        return .ext(type: type, data: Data(try reader.take(length)))
    }
}
