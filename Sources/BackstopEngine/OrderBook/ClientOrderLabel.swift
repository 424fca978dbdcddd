/// A client order id kept inline, as up to 40 bytes of UTF-8 (the engine accepts 36, Binance's limit).
///
/// A resting order that held a `String` would be retained and released on every copy the book and
/// matching make of it; with its label inline it is a plain value.
struct ClientOrderLabel: Hashable, Sendable {
    /// The most bytes a label holds.
    static let capacity = 40

    /// The bytes, eight to a word, first byte lowest.
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64)
    private var count: UInt8

    /// The label of a text of at most ``capacity`` bytes of UTF-8.
    init?(_ text: String) {
        guard text.utf8.count <= Self.capacity else { return nil }
        var packed = [UInt64](repeating: 0, count: 5)
        for (index, byte) in text.utf8.enumerated() {
            packed[index / 8] |= UInt64(byte) << (8 * UInt64(index % 8))
        }
        words = (packed[0], packed[1], packed[2], packed[3], packed[4])
        count = UInt8(text.utf8.count)
    }

    /// The text, exactly as given.
    var text: String {
        let packed = [words.0, words.1, words.2, words.3, words.4]
        let bytes = (0..<Int(count)).map { UInt8(truncatingIfNeeded: packed[$0 / 8] >> (8 * UInt64($0 % 8))) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.count == rhs.count && lhs.words == rhs.words }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
        hasher.combine(words.4)
    }
}

extension ClientOrderLabel: Codable {
    /// A label is kept as its text.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let label = Self(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a client order id of more than \(Self.capacity) bytes")
        }
        self = label
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
