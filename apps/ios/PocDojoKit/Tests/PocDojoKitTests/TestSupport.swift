import Foundation
@testable import PocDojoKit
import XCTest

/// The repository root, found from this file's path (`#file` is the full path in Swift 5 mode;
/// `#filePath` would be cleaner but the tree-sitter grammar CI parses with does not know it) (apps/ios/PocDojoKit/Tests/PocDojoKitTests/…).
let repoRoot: URL = {
    var url = URL(fileURLWithPath: String(describing: #file))
    for _ in 0..<6 { url.deleteLastPathComponent() }
    return url
}()

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case let .object(object) = self { return object[key] }
        return nil
    }

    var string: String? { stringValue }

    var number: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    var items: [JSONValue]? {
        if case let .array(items) = self { return items }
        return nil
    }
}

/// Whether a MessagePack value means the same as a JSON value (numbers compared as doubles, maps as sets of keys).
func sameValue(_ json: JSONValue, _ value: MessagePackValue) -> Bool {
    switch (json, value) {
    case (.null, .null):
        return true
    case let (.bool(a), .bool(b)):
        return a == b
    case let (.number(a), _):
        return (try? value.asDouble()) == a
    case let (.string(a), .string(b)):
        return a == b
    case let (.array(a), .array(b)):
        return a.count == b.count && zip(a, b).allSatisfy { sameValue($0, $1) }
    case let (.object(a), .map(entries)):
        guard entries.count == a.count else { return false }
        return entries.allSatisfy { entry in
            guard case let .string(key) = entry.key, let expected = a[key] else { return false }
            return sameValue(expected, entry.value)
        }
    default:
        return false
    }
}

/// A queue one side fills and the other awaits, with a timeout so a broken expectation fails instead of hanging.
final class Mailbox<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Item] = []
    private var waiters: [(UUID, CheckedContinuation<Item?, Never>)] = []

    func put(_ item: Item) {
        lock.lock()
        if waiters.isEmpty {
            items.append(item)
            lock.unlock()
        } else {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.1.resume(returning: item)
        }
    }

    /// The next item, or nil when none came within `timeout` seconds.
    func take(timeout: TimeInterval = 5) async -> Item? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Item?, Never>) in
            lock.lock()
            if !items.isEmpty {
                let item = items.removeFirst()
                lock.unlock()
                continuation.resume(returning: item)
                return
            }
            let id = UUID()
            waiters.append((id, continuation))
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
                self?.expire(id)
            }
        }
    }

    var pending: Int {
        lock.lock()
        defer { lock.unlock() }
        return items.count
    }

    private func expire(_ id: UUID) {
        lock.lock()
        guard let index = waiters.firstIndex(where: { $0.0 == id }) else {
            lock.unlock()
            return
        }
        let waiter = waiters.remove(at: index)
        lock.unlock()
        waiter.1.resume(returning: nil)
    }
}

/// A value shared between the test and `@Sendable` closures.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    func update(_ change: (inout Value) -> Void) {
        lock.lock()
        change(&value)
        lock.unlock()
    }
}

extension Duration {
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
