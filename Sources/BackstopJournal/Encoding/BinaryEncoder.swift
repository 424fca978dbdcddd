/// Encodes `Encodable` values in the compact binary form ``BinaryDecoder`` reads (see
/// `BinaryFormat` for the bytes).
///
/// The output is deterministic: the same value always gives the same bytes. Dictionaries and sets
/// are written in key order (one whose keys are not `Comparable` is refused), and keys and short
/// strings are stored once, numbered in the order they first appear.
///
/// Values are written as they are encoded, each container behind its length, so a container must
/// be finished before its parent takes another value, as every synthesized conformance does.
/// Floating-point numbers are refused: the engine has none.
public struct BinaryEncoder {
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
