import Foundation

/// Reads integers, floats and byte runs from a buffer, in either byte order.
/// Colyseus frame headers are little-endian; MessagePack payloads are big-endian.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ data: Data, offset: Int = 0) {
        self.bytes = [UInt8](data)
        self.offset = offset
    }

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count - offset }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw WireError("truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw WireError("needs \(count) bytes at \(offset), has \(remaining)")
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    mutating func unsigned(width: Int, bigEndian: Bool) throws -> UInt64 {
        let raw = try take(width)
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bigEndian ? raw[index] : raw[width - 1 - index])
            value = (value << 8) | byte
        }
        return value
    }

    mutating func signed(width: Int, bigEndian: Bool) throws -> Int64 {
        let raw = try unsigned(width: width, bigEndian: bigEndian)
        let shift = UInt64(64 - width * 8)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }

    mutating func float32(bigEndian: Bool) throws -> Float {
        Float(bitPattern: UInt32(try unsigned(width: 4, bigEndian: bigEndian)))
    }

    mutating func float64(bigEndian: Bool) throws -> Double {
        Double(bitPattern: try unsigned(width: 8, bigEndian: bigEndian))
    }

    mutating func utf8(_ count: Int) throws -> String {
        let raw = try take(count)
        guard let text = String(bytes: raw, encoding: .utf8) else {
            throw WireError("invalid UTF-8 in a string of \(count) bytes")
        }
        return text
    }
}
