import Foundation

/// The header encodings of Colyseus 0.18 frames (docs/protocol.md §5): MessagePack-like
/// prefixes but **little-endian** lengths and numbers, unlike the MessagePack payloads.
enum ColyseusHeader {
    /// `string(s)`: fixstr / 0xd9 u8 / 0xda u16 LE / 0xdb u32 LE, then UTF-8.
    static func writeString(_ text: String, to writer: inout ByteWriter) {
        let utf8 = Array(text.utf8)
        switch utf8.count {
        case ..<32:
            writer.byte(0xa0 | UInt8(utf8.count))
        case ..<0x100:
            writer.byte(0xd9)
            writer.unsigned(UInt64(utf8.count), width: 1, bigEndian: false)
        case ..<0x10000:
            writer.byte(0xda)
            writer.unsigned(UInt64(utf8.count), width: 2, bigEndian: false)
        default:
            writer.byte(0xdb)
            writer.unsigned(UInt64(utf8.count), width: 4, bigEndian: false)
        }
        writer.append(utf8)
    }

    static func readString(_ reader: inout ByteReader) throws -> String {
        let prefix = try reader.byte()
        switch prefix {
        case 0xa0...0xbf: return try reader.utf8(Int(prefix & 0x1f))
        case 0xd9: return try reader.utf8(Int(try reader.unsigned(width: 1, bigEndian: false)))
        case 0xda: return try reader.utf8(Int(try reader.unsigned(width: 2, bigEndian: false)))
        case 0xdb: return try reader.utf8(Int(try reader.unsigned(width: 4, bigEndian: false)))
        default: throw WireError(String(format: "byte 0x%02x does not start a string", prefix))
        }
    }

    /// True when the next byte starts a string (rather than a number) in a header.
    static func nextIsString(_ reader: ByteReader) throws -> Bool {
        var peek = reader
        let prefix = try peek.byte()
        return (0xa0...0xbf).contains(prefix) || (0xd9...0xdb).contains(prefix)
    }

    /// `number(v)` for integers, in the smallest form (what the engine writes).
    static func writeNumber(_ value: Int64, to writer: inout ByteWriter) {
        switch value {
        case 0..<0x80:
            writer.byte(UInt8(value))
        case 0x80..<0x100:
            writer.byte(0xcc)
            writer.unsigned(UInt64(value), width: 1, bigEndian: false)
        case 0x100..<0x10000:
            writer.byte(0xcd)
            writer.unsigned(UInt64(value), width: 2, bigEndian: false)
        case 0x10000..<0x1_0000_0000:
            writer.byte(0xce)
            writer.unsigned(UInt64(value), width: 4, bigEndian: false)
        case 0x1_0000_0000...:
            writer.byte(0xcf)
            writer.unsigned(UInt64(value), width: 8, bigEndian: false)
        case -32..<0:
            writer.byte(UInt8(bitPattern: Int8(value)))
        case -0x80..<0:
            writer.byte(0xd0)
            writer.signed(value, width: 1, bigEndian: false)
        case -0x8000..<0:
            writer.byte(0xd1)
            writer.signed(value, width: 2, bigEndian: false)
        case -0x8000_0000..<0:
            writer.byte(0xd2)
            writer.signed(value, width: 4, bigEndian: false)
        default:
            writer.byte(0xd3)
            writer.signed(value, width: 8, bigEndian: false)
        }
    }

    /// `number(v)`; floats (0xca, 0xcb) are accepted and must be integral here.
    static func readNumber(_ reader: inout ByteReader) throws -> Int64 {
        let prefix = try reader.byte()
        switch prefix {
        case 0x00...0x7f: return Int64(prefix)
        case 0xe0...0xff: return Int64(Int8(bitPattern: prefix))
        case 0xcc: return Int64(try reader.unsigned(width: 1, bigEndian: false))
        case 0xcd: return Int64(try reader.unsigned(width: 2, bigEndian: false))
        case 0xce: return Int64(try reader.unsigned(width: 4, bigEndian: false))
        case 0xcf:
            let value = try reader.unsigned(width: 8, bigEndian: false)
            guard let exact = Int64(exactly: value) else { throw WireError("number out of range") }
            return exact
        case 0xd0: return try reader.signed(width: 1, bigEndian: false)
        case 0xd1: return try reader.signed(width: 2, bigEndian: false)
        case 0xd2: return try reader.signed(width: 4, bigEndian: false)
        case 0xd3: return try reader.signed(width: 8, bigEndian: false)
        case 0xca, 0xcb:
            let value = try prefix == 0xca
                ? Double(reader.float32(bigEndian: false))
                : reader.float64(bigEndian: false)
            guard let exact = Int64(exactly: value) else { throw WireError("expected an integer, got \(value)") }
            return exact
        default:
            throw WireError(String(format: "byte 0x%02x does not start a number", prefix))
        }
    }
}
