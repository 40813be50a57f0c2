import Foundation

/// The `changes` payload (docs/protocol.md §6.3): Automerge changes, each preceded by
/// its byte length as an unsigned LEB128 varint.
///
///     changes := ( uleb128(len) change[len] )+        // len ≥ 1
public enum ChangesFraming {
    /// Most changes the server accepts in one message.
    public static let maxChanges = 512

    public static func encode(_ changes: [Data]) -> Data {
        var out = Data()
        for change in changes {
            var length = UInt64(change.count)
            while length >= 0x80 {
                out.append(UInt8(length & 0x7f) | 0x80)
                length >>= 7
            }
            out.append(UInt8(length))
            out.append(change)
        }
        return out
    }

    /// Splits a payload into changes; throws on truncation, an empty change, or more than `maxChanges`.
    public static func decode(_ payload: Data, maxChanges: Int = .max) throws -> [Data] {
        let bytes = [UInt8](payload)
        var changes: [Data] = []
        var offset = 0
        while offset < bytes.count {
            var length = 0
            var shift = 0
            var read = 0
            while true {
                guard offset < bytes.count else { throw WireError("truncated length") }
                read += 1
                guard read <= 5 else { throw WireError("length too long") }
                let byte = bytes[offset]
                offset += 1
                length += Int(byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            guard length > 0 else { throw WireError("empty change") }
            guard offset + length <= bytes.count else { throw WireError("truncated change") }
            guard changes.count < maxChanges else { throw WireError("more than \(maxChanges) changes") }
            changes.append(Data(bytes[offset..<(offset + length)]))
            offset += length
        }
        return changes
    }
}
