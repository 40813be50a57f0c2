import Foundation

/// Encodes MessagePack with the smallest integer form (unsigned forms for
/// non-negative values), float64 for doubles, and the smallest string, binary and
/// array headers, as msgpackr does.
public enum MessagePackWriter {
    /// How maps are headed: the smallest header (`compact`, what this client sends and what the
    /// vectors use for client messages), or always map16/map32 (`msgpackr`, what the engine's
    /// encoder writes by default: `variableMapSize: false`).
    public enum MapStyle: Sendable {
        case compact
        case msgpackr
    }

    public static func encode(_ value: MessagePackValue, maps: MapStyle = .compact) -> Data {
        var writer = ByteWriter()
        write(value, to: &writer, maps: maps)
        return writer.data
    }

    static func write(_ value: MessagePackValue, to writer: inout ByteWriter, maps: MapStyle = .compact) {
        switch value {
        case .null:
            writer.byte(0xc0)
        case let .bool(flag):
            writer.byte(flag ? 0xc3 : 0xc2)
        case let .int(number):
            writeInt(number, to: &writer)
        case let .uint(number):
            writer.byte(0xcf)
            writer.unsigned(number, width: 8, bigEndian: true)
        case let .float(number):
            writer.byte(0xca)
            writer.float32(number, bigEndian: true)
        case let .double(number):
            writer.byte(0xcb)
            writer.float64(number, bigEndian: true)
        case let .string(text):
            let utf8 = Array(text.utf8)
            header(count: utf8.count, fix: 0xa0, fixLimit: 32, formats: (0xd9, 0xda, 0xdb), to: &writer)
            writer.append(utf8)
        case let .binary(data):
            header(count: data.count, fix: nil, fixLimit: 0, formats: (0xc4, 0xc5, 0xc6), to: &writer)
            writer.append(data)
        case let .array(items):
            header(count: items.count, fix: 0x90, fixLimit: 16, formats: (nil, 0xdc, 0xdd), to: &writer)
            for item in items { write(item, to: &writer, maps: maps) }
        case let .map(entries):
            header(count: entries.count, fix: maps == .compact ? 0x80 : nil, fixLimit: 16, formats: (nil, 0xde, 0xdf), to: &writer)
            for entry in entries {
                write(entry.key, to: &writer, maps: maps)
                write(entry.value, to: &writer, maps: maps)
            }
        case let .ext(type, data):
            switch data.count {
            case 1: writer.byte(0xd4)
            case 2: writer.byte(0xd5)
            case 4: writer.byte(0xd6)
            case 8: writer.byte(0xd7)
            case 16: writer.byte(0xd8)
            case ..<0x100:
                writer.byte(0xc7)
                writer.unsigned(UInt64(data.count), width: 1, bigEndian: true)
            case ..<0x10000:
                writer.byte(0xc8)
                writer.unsigned(UInt64(data.count), width: 2, bigEndian: true)
            default:
                writer.byte(0xc9)
                writer.unsigned(UInt64(data.count), width: 4, bigEndian: true)
            }
            writer.byte(UInt8(bitPattern: type))
            writer.append(data)
        }
    }

    private static func writeInt(_ number: Int64, to writer: inout ByteWriter) {
        switch number {
        case 0..<0x80:
            writer.byte(UInt8(number))
        case 0x80..<0x100:
            writer.byte(0xcc)
            writer.unsigned(UInt64(number), width: 1, bigEndian: true)
        case 0x100..<0x10000:
            writer.byte(0xcd)
            writer.unsigned(UInt64(number), width: 2, bigEndian: true)
        case 0x10000..<0x1_0000_0000:
            writer.byte(0xce)
            writer.unsigned(UInt64(number), width: 4, bigEndian: true)
        case 0x1_0000_0000...:
            writer.byte(0xcf)
            writer.unsigned(UInt64(number), width: 8, bigEndian: true)
        case -32..<0:
            writer.byte(UInt8(bitPattern: Int8(number)))
        case -0x80..<0:
            writer.byte(0xd0)
            writer.signed(number, width: 1, bigEndian: true)
        case -0x8000..<0:
            writer.byte(0xd1)
            writer.signed(number, width: 2, bigEndian: true)
        case -0x8000_0000..<0:
            writer.byte(0xd2)
            writer.signed(number, width: 4, bigEndian: true)
        default:
            writer.byte(0xd3)
            writer.signed(number, width: 8, bigEndian: true)
        }
    }

    /// Writes a length header: the fix form when `count < fixLimit`, else the 8/16/32-bit form.
    private static func header(
        count: Int, fix: UInt8?, fixLimit: Int, formats: (UInt8?, UInt8, UInt8), to writer: inout ByteWriter
    ) {
        if let fix, count < fixLimit {
            writer.byte(fix | UInt8(count))
        } else if let format8 = formats.0, count < 0x100 {
            writer.byte(format8)
            writer.unsigned(UInt64(count), width: 1, bigEndian: true)
        } else if count < 0x10000 {
            writer.byte(formats.1)
            writer.unsigned(UInt64(count), width: 2, bigEndian: true)
        } else {
            writer.byte(formats.2)
            writer.unsigned(UInt64(count), width: 4, bigEndian: true)
        }
    }
}
