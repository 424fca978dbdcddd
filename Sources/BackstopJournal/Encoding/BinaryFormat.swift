/// The bytes ``BinaryEncoder`` writes and ``BinaryDecoder`` reads.
///
/// ```
/// document := version root:value strings offset
/// version  := 0x01
/// strings  := varint(count) (varint(length) utf8)*     string keys and short strings, each once
/// offset   := UInt64, little-endian                    where `strings` starts
///
/// value := 0x80 | n                            an integer n in 0...127, or a Bool (0, 1)
///        | 0x01 varint(n)                      a non-negative integer n
///        | 0x02 varint(m)                      a negative integer −(m + 1)
///        | 0x03 varint(length) utf8            a string of more than 15 bytes
///        | 0x06 varint(i)                      the i-th string in `strings`, of 15 bytes at most
///        | 0x04 varint(length) entry*          a keyed container: `length` bytes of entries
///        | 0x05 varint(length) varint(count) value*
///                                              an unkeyed container: `length` bytes after itself
///        | 0x00                                nil
/// entry := key value
/// key   := varint(2 × i)                       the i-th string in `strings`
///        | 0x01 integer-value                  an integer key
/// ```
///
/// Varints are unsigned LEB128 (seven bits a byte, least significant first). Every value says what
/// it is and every container how long it is, so a reader can check types and skip what it does not
/// need. Integers of every width share one form; a fixed-point number is its scaled integer.
/// Strings short enough for Swift to keep inline (names, symbols, enumeration cases: the strings
/// that repeat) are stored once, numbered in the order they first appear.
enum BinaryFormat {
    /// The first byte of every document.
    static let version: UInt8 = 1

    /// The byte that begins each kind of value; integers 0...127 are one byte, `0x80 | n`.
    enum Tag {
        static let null: UInt8 = 0x00
        static let positive: UInt8 = 0x01
        static let negative: UInt8 = 0x02
        static let string: UInt8 = 0x03
        static let keyed: UInt8 = 0x04
        static let unkeyed: UInt8 = 0x05
        static let storedString: UInt8 = 0x06
        static let smallInteger: UInt8 = 0x80
    }

    /// The first byte of an integer key; string keys are even.
    static let integerKey: UInt8 = 0x01

    /// The longest string stored once in the string table rather than where it is used.
    static let longestStoredString = 15

    /// How many bytes `value` takes as a varint.
    static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var rest = value >> 7
        while rest != 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// Appends `value` as a varint.
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a 128-bit `value` as a varint.
    static func appendVarint(_ value: UInt128, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Writes `value` as a varint over the bytes at `position` and returns where it ends.
    @discardableResult
    static func storeVarint(_ value: UInt64, in bytes: inout [UInt8], at position: Int) -> Int {
        var rest = value
        var index = position
        while rest >= 0x80 {
            bytes[index] = UInt8(truncatingIfNeeded: rest) | 0x80
            rest >>= 7
            index += 1
        }
        bytes[index] = UInt8(rest)
        return index + 1
    }
}
