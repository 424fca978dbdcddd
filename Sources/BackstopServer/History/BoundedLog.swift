/// The newest entries of a list, at most `capacity` of them, oldest first.
///
/// Appending is amortized constant time: the oldest entries are dropped in one batch once the
/// storage holds twice the capacity.
public struct BoundedLog<Element: Sendable>: Sendable {
    /// The most entries kept.
    public let capacity: Int
    private var storage: [Element] = []
    private var start = 0

    /// An empty log keeping at most `capacity` entries.
    public init(capacity: Int) {
        precondition(capacity > 0, "a log keeps at least one entry")
        self.capacity = capacity
    }

    /// The entries kept, oldest first.
    public var entries: ArraySlice<Element> { storage[start...] }

    /// Adds an entry and returns the one it pushed out, if any.
    @discardableResult
    public mutating func append(_ element: Element) -> Element? {
        storage.append(element)
        guard storage.count - start > capacity else { return nil }
        let dropped = storage[start]
        start += 1
        if start >= capacity {
            storage.removeFirst(start)
            start = 0
        }
        return dropped
    }

    /// Changes the newest entry.
    public mutating func updateLast(_ change: (inout Element) -> Void) {
        guard storage.count > start else { return }
        change(&storage[storage.count - 1])
    }
}
