/// Encodes `Encodable` values in the compact binary form ``BinaryDecoder`` reads (see
/// `BinaryFormat` for the bytes).
///
/// The output is deterministic: the same value always gives the same bytes. Dictionaries and sets
/// are written in key order (one whose keys are not `Comparable` is refused), and keys and short
/// strings are stored once, numbered in the order they first appear. Other hash-ordered
/// collections, such as swift-collections' `TreeDictionary`, are not recognized: the engine holds
/// none.
///
/// Values are written as they are encoded, each container behind its length, so a container must
/// be finished before its parent takes another value, as every synthesized conformance does; one
/// used out of that order makes encoding throw. Floating-point numbers are refused: the engine has
/// none.
public struct BinaryEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The bytes of `value`.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoding = BinaryEncoding()
        encoding.bytes.append(BinaryFormat.version)
        try encoding.encodeRoot(value)
        return encoding.finish()
    }
}
