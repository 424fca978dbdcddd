/// Binance's market stream names and the audiences they receive.
///
/// A name is `<symbol>@<kind>`, the symbol in any case, or one of the all-market streams. Speed
/// suffixes (`@1s`, `@100ms`, `@500ms`) name the same audience: every update is sent at once.
enum StreamName {
    /// The kinds of `<symbol>@<kind>` streams, with the speed suffixes each accepts.
    static let kinds: [String: Set<String>] = [
        "markPrice": ["", "1s"],
        "depth": ["", "0ms", "100ms", "250ms", "500ms"],
        "depth5": ["", "100ms", "250ms", "500ms"],
        "depth10": ["", "100ms", "250ms", "500ms"],
        "depth20": ["", "100ms", "250ms", "500ms"],
        "aggTrade": [""],
        "trade": [""],
        "forceOrder": [""],
        "ticker": [""],
        "miniTicker": [""],
        "bookTicker": [""],
    ]

    /// The all-market streams, with their audiences.
    static let allMarkets: [String: String] = [
        "!forceOrder@arr": "!forceOrder@arr",
        "!markPrice@arr": "!markPrice@arr",
        "!markPrice@arr@1s": "!markPrice@arr",
        "!ticker@arr": "!ticker@arr",
        "!miniTicker@arr": "!miniTicker@arr",
        "!bookTicker": "!bookTicker",
    ]

    /// The audience of a market stream name; nil when it names no market stream.
    static func audience(of name: String) -> StreamMessage.Audience? {
        if let audience = allMarkets[name] { return .stream(audience) }
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty,
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
            let speeds = kinds[String(parts[1])], speeds.contains(parts.count == 3 ? String(parts[2]) : "")
        else { return nil }
        return .stream(parts[0].lowercased() + "@" + parts[1])
    }

    /// True when a name could be a listen key rather than a market stream.
    static func couldBeListenKey(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
