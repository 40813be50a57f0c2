import Foundation

/// Appends integers, floats and byte runs to a buffer, in either byte order.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    var data: Data { Data(bytes) }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func append<S: Sequence>(_ run: S) where S.Element == UInt8 {
        bytes.append(contentsOf: run)
    }

    mutating func unsigned(_ value: UInt64, width: Int, bigEndian: Bool) {
        for index in 0..<width {
            let shift = UInt64(8 * (bigEndian ? width - 1 - index : index))
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    mutating func signed(_ value: Int64, width: Int, bigEndian: Bool) {
        unsigned(UInt64(bitPattern: value), width: width, bigEndian: bigEndian)
    }

    mutating func float32(_ value: Float, bigEndian: Bool) {
        unsigned(UInt64(value.bitPattern), width: 4, bigEndian: bigEndian)
    }

    mutating func float64(_ value: Double, bigEndian: Bool) {
        unsigned(value.bitPattern, width: 8, bigEndian: bigEndian)
    }
}
