import BackstopCore
import Crypto

/// Feeds engine state into SHA-256 in a fixed binary layout, so that equal states hash equally in any
/// process on any machine.
struct StateHasher {
    private var hasher = SHA256()

    mutating func add(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { hasher.update(bufferPointer: $0) }
    }

    mutating func add(_ value: UInt64) { add(Int64(bitPattern: value)) }
    mutating func add(_ value: Int) { add(Int64(value)) }
    mutating func add(_ value: Bool) { add(Int64(value ? 1 : 0)) }
    mutating func add<Value: FixedPointDecimal>(_ value: Value) { add(value.raw) }

    mutating func add<Value: FixedPointDecimal>(_ value: Value?) {
        add(value != nil)
        if let value { add(value.raw) }
    }

    mutating func add(_ text: String) {
        add(text.utf8.count)
        hasher.update(data: Array(text.utf8))
    }

    mutating func add(_ text: String?) {
        add(text != nil)
        if let text { add(text) }
    }

    /// The digest as lower-case hex.
    func finish() -> String {
        hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
