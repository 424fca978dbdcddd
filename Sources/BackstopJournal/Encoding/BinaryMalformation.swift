/// Why bytes are not the value asked for. Containers turn it into a `DecodingError` that names
/// the value by its coding path.
enum BinaryMalformation: Error, CustomStringConvertible {
    /// The bytes end inside a value.
    case truncated
    /// More bytes than the value holds: a count larger than its container, or bytes left over.
    case excess
    /// A number is longer than any the type can hold.
    case overlong
    /// A string is not UTF-8.
    case notUTF8
    /// A key's or a string's number is not in the string table.
    case unknownString(UInt64)
    /// A byte that begins no value.
    case unknownTag(UInt8)
    /// A value of another kind than the one asked for; the byte that begins it.
    case unexpected(UInt8)
    /// An integer (in words) that the type asked for cannot hold.
    case outOfRange(String, Any.Type)

    var description: String {
        switch self {
        case .truncated: "the bytes end inside a value"
        case .excess: "a container holds fewer bytes than it claims"
        case .overlong: "a number is longer than its type allows"
        case .notUTF8: "a string is not UTF-8"
        case .unknownString(let number): "string \(number) is not in the string table"
        case .unknownTag(let tag): "byte \(tag) begins no value"
        case .unexpected(let tag): "found \(Self.kind(tag))"
        case .outOfRange(let number, let type): "\(number) is out of range for \(type)"
        }
    }

    /// What a value beginning with `tag` is, in words.
    static func kind(_ tag: UInt8) -> String {
        switch tag {
        case BinaryFormat.Tag.null: "nil"
        case BinaryFormat.Tag.positive, BinaryFormat.Tag.negative, BinaryFormat.Tag.smallInteger...: "an integer"
        case BinaryFormat.Tag.string, BinaryFormat.Tag.storedString: "a string"
        case BinaryFormat.Tag.keyed: "a keyed container"
        case BinaryFormat.Tag.unkeyed: "an unkeyed container"
        default: "byte \(tag)"
        }
    }

    /// The `DecodingError` for a value of type `type` at `path`.
    func decodingError(_ type: Any.Type, _ path: [any CodingKey]) -> DecodingError {
        switch self {
        case .unexpected(BinaryFormat.Tag.null):
            .valueNotFound(type, DecodingError.Context(codingPath: path, debugDescription: "expected \(type), found nil"))
        case .unexpected(let tag):
            .typeMismatch(type, DecodingError.Context(
                codingPath: path, debugDescription: "expected \(type), found \(Self.kind(tag))"))
        default:
            .dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: description))
        }
    }
}
