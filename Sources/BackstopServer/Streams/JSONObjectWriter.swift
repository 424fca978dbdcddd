/// Writes one JSON object field by field, in the order given, as Binance's payloads list them.
///
/// Keys are written as given (they are fixed ASCII names); string values are escaped.
struct JSONObjectWriter {
    private var text = "{"
    private var empty = true

    /// An object with no fields yet.
    init() {}

    /// A string field.
    mutating func field(_ key: String, _ value: String) {
        raw(key, JSONText.string(value))
    }

    /// A whole-number field.
    mutating func field(_ key: String, _ value: Int64) {
        raw(key, String(value))
    }

    /// A whole-number field.
    mutating func field(_ key: String, _ value: Int) {
        raw(key, String(value))
    }

    /// A whole-number field.
    mutating func field(_ key: String, _ value: UInt64) {
        raw(key, String(value))
    }

    /// A boolean field.
    mutating func field(_ key: String, _ value: Bool) {
        raw(key, value ? "true" : "false")
    }

    /// A field whose value is already JSON text (an object, an array or `null`).
    mutating func raw(_ key: String, _ json: String) {
        if !empty { text += "," }
        empty = false
        text += "\"" + key + "\":" + json
    }

    /// The object's text.
    var json: String { text + "}" }
}

/// JSON fragments.
enum JSONText {
    /// A JSON string literal.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A JSON array of elements that are already JSON text.
    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }
}
