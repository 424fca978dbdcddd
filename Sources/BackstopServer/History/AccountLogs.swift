import BackstopEngine

/// One bounded log per account: the newest `capacity` entries of each, oldest first.
public struct AccountLogs<Element: Sendable>: Sendable {
    /// The most entries kept per account.
    public let capacity: Int
    private var logs: [AccountID: BoundedLog<Element>] = [:]

    /// Empty logs keeping at most `capacity` entries per account.
    public init(capacity: Int) { self.capacity = capacity }

    /// The account's entries, oldest first.
    public func entries(of account: AccountID) -> ArraySlice<Element> {
        logs[account]?.entries ?? []
    }

    mutating func append(_ element: Element, for account: AccountID) {
        logs[account, default: BoundedLog(capacity: capacity)].append(element)
    }

    mutating func updateLast(of account: AccountID, _ change: (inout Element) -> Void) {
        logs[account]?.updateLast(change)
    }
}
