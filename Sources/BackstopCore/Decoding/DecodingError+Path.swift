extension DecodingError {
    /// A one-line account of the error that names the field by its path, such as
    /// `markets[0].spec.lotSize: missing` or `amount: '1e5' is not a decimal number`.
    public var pathDescription: String {
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else if key.stringValue.hasPrefix("[") {
                    text += key.stringValue
                } else if key.stringValue.hasPrefix("Index ") {
                    text += "[\(key.stringValue.dropFirst(6))]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "" : text + ": "
        }
        switch self {
        case .keyNotFound(let key, let context): return "\(path(context))\(key.stringValue): missing"
        case .typeMismatch(_, let context): return "\(path(context))\(context.debugDescription)"
        case .valueNotFound(_, let context): return "\(path(context))\(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context))\(context.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}
