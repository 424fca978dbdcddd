import BackstopEngine

/// The recent liquidations and deleveraging rounds of the whole venue, newest last, for the risk
/// operator's page.
///
/// A read model of the engine's events: it keeps the last ``capacity`` entries, in the order the
/// engine emitted their events, and counts every accepted command it is shown (start-up replay
/// included), which tells a reader whether anything changed since it last looked.
public struct RiskEventLog: Sendable {
    /// The most entries kept; older ones are dropped first.
    public let capacity: Int
    /// The kept entries, oldest first.
    public private(set) var entries: [Entry] = []
    /// How many accepted commands were recorded, whether or not they added an entry.
    public private(set) var commandsRecorded: UInt64 = 0
    /// The number the next entry will carry.
    private var nextID: UInt64 = 1

    /// An empty log keeping at most `capacity` entries (500 unless told).
    public init(capacity: Int = 500) {
        precondition(capacity > 0, "a risk event log keeps at least one entry")
        self.capacity = capacity
    }

    /// Takes in one accepted command and its events.
    public mutating func record(_ command: Command, _ events: [Event]) {
        commandsRecorded += 1
        var fresh = RiskEventLog.entries(from: events, at: command.time)
        guard !fresh.isEmpty else { return }
        for index in fresh.indices {
            fresh[index].id = nextID
            nextID += 1
        }
        entries.append(contentsOf: fresh.suffix(capacity))
        if entries.count > capacity {
            entries.removeFirst(entries.count - capacity)
        }
    }
}
