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

    /// `number(v)` exactly as `@colyseus/schema`'s encoder writes it: integers in the
    /// int32 range in the smallest integer form, anything else as float32 when that loses
    /// less than 1e-4, else float64 (floats little-endian too).
    static func writeNumber(_ value: Double, to writer: inout ByteWriter) {
        if value.isNaN { return writeNumber(0, to: &writer) }
        if value.isInfinite { return writeNumber(value > 0 ? 9_007_199_254_740_991 : -9_007_199_254_740_991, to: &writer) }
        // JavaScript's `value !== (value | 0)`: not an integer in the int32 range.
        guard value == value.rounded(.towardZero), value >= -2_147_483_648, value < 2_147_483_648 else {
            if abs(value) <= 3.4028235e38 {
                let single = Float(value)
                if abs(abs(Double(single)) - abs(value)) < 1e-4 {
                    writer.byte(0xca)
                    writer.float32(single, bigEndian: false)
                    return
                }
            }
            writer.byte(0xcb)
            writer.float64(value, bigEndian: false)
            return
        }
        let integer = Int64(value)
        switch integer {
        case 0..<0x80:
            writer.byte(UInt8(integer))
        case 0x80..<0x100:
            writer.byte(0xcc)
            writer.unsigned(UInt64(integer), width: 1, bigEndian: false)
        case 0x100..<0x10000:
            writer.byte(0xcd)
            writer.unsigned(UInt64(integer), width: 2, bigEndian: false)
        case 0x10000...:
            writer.byte(0xce)
            writer.unsigned(UInt64(integer), width: 4, bigEndian: false)
        case -32..<0:
            writer.byte(UInt8(bitPattern: Int8(integer)))
        case -0x80..<0:
            writer.byte(0xd0)
            writer.signed(integer, width: 1, bigEndian: false)
        case -0x8000..<0:
            writer.byte(0xd1)
            writer.signed(integer, width: 2, bigEndian: false)
        default:
            writer.byte(0xd2)
            writer.signed(integer, width: 4, bigEndian: false)
        }
    }

    static func writeNumber(_ value: Int, to writer: inout ByteWriter) {
        writeNumber(Double(value), to: &writer)
    }

    /// `number(v)` in any of its forms, as a Double (what JavaScript sees).
    static func readNumber(_ reader: inout ByteReader) throws -> Double {
        let prefix = try reader.byte()
        switch prefix {
        case 0x00...0x7f: return Double(prefix)
        case 0xe0...0xff: return Double(Int8(bitPattern: prefix))
        case 0xca: return Double(try reader.float32(bigEndian: false))
        case 0xcb: return try reader.float64(bigEndian: false)
        case 0xcc: return Double(try reader.unsigned(width: 1, bigEndian: false))
        case 0xcd: return Double(try reader.unsigned(width: 2, bigEndian: false))
        case 0xce: return Double(try reader.unsigned(width: 4, bigEndian: false))
        case 0xcf: return Double(try reader.unsigned(width: 8, bigEndian: false))
        case 0xd0: return Double(try reader.signed(width: 1, bigEndian: false))
        case 0xd1: return Double(try reader.signed(width: 2, bigEndian: false))
        case 0xd2: return Double(try reader.signed(width: 4, bigEndian: false))
        case 0xd3: return Double(try reader.signed(width: 8, bigEndian: false))
        default: throw WireError(String(format: "byte 0x%02x does not start a number", prefix))
        }
    }

    /// A `number(v)` that must be an integer (codes, lengths).
    static func readInteger(_ reader: inout ByteReader) throws -> Int {
        let value = try readNumber(&reader)
        guard let exact = Int(exactly: value) else { throw WireError("expected an integer, got \(value)") }
        return exact
    }
}
