import BackstopEngine

/// The `startTime`, `endTime` and `limit` of a history request, as Binance applies them: without
/// either time, the seven days up to now; with a start, the first `limit` entries from it; without
/// one, the last `limit` entries up to the end. Entries stay in event order, oldest first.
struct HistoryWindow {
    /// Seven days, in milliseconds.
    static let defaultSpan: Timestamp = 7 * 24 * 3_600_000

    var start: Timestamp?
    var end: Timestamp?
    var limit: Int

    /// Reads the window.
    ///
    /// - Throws: ``APIError`` -1100 for a malformed time or a limit outside `1...maxLimit`, -1130
    ///   when the start is after the end.
    init(_ parameters: RequestParameters, defaultLimit: Int, maxLimit: Int) throws {
        start = try parameters.integer("startTime", in: 0...Engine.latestTime)
        end = try parameters.integer("endTime", in: 0...Engine.latestTime)
        limit = Int(try parameters.integer("limit", in: 1...Int64(maxLimit)) ?? Int64(defaultLimit))
        if let start, let end, start > end {
            throw APIError.badValue("startTime", "startTime is after endTime")
        }
    }

    /// The entries in the window that pass `include`, oldest first.
    func select<Entry>(
        _ entries: some BidirectionalCollection<Entry>, now: Timestamp, time: (Entry) -> Timestamp,
        where include: (Entry) -> Bool = { _ in true }
    ) -> [Entry] {
        let upper = end ?? Timestamp.max
        let lower = start ?? (end ?? now) - Self.defaultSpan
        var selected: [Entry] = []
        if start != nil {
            for entry in entries where selected.count < limit {
                if time(entry) >= lower, time(entry) <= upper, include(entry) { selected.append(entry) }
            }
            return selected
        }
        for entry in entries.reversed() where selected.count < limit {
            if time(entry) >= lower, time(entry) <= upper, include(entry) { selected.append(entry) }
        }
        return selected.reversed()
    }
}
