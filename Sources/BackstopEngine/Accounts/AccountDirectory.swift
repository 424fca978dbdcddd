/// Account numbers to their positions in the engine's account table.
///
/// Venues and scenarios mostly number accounts densely from small numbers. Numbers below a bound that
/// grows with the table are found in a flat array indexed by the number, without hashing; larger
/// numbers are kept in a dictionary.
struct AccountDirectory: Sendable, Codable {
    /// `dense[number]`: the index of the account with that number, or -1.
    private var dense: [Int32] = []
    /// Accounts whose numbers were too large for `dense` when they were added.
    private var sparse: [AccountID: Int] = [:]
    /// The number of accounts.
    private(set) var count = 0

    /// The index of the account with this number.
    subscript(id: AccountID) -> Int? {
        if id.rawValue < UInt64(dense.count) {
            let index = dense[Int(id.rawValue)]
            if index >= 0 { return Int(index) }
        }
        return sparse.isEmpty ? nil : sparse[id]
    }

    /// Adds an account that is not in the directory yet.
    mutating func insert(_ id: AccountID, index: Int) {
        precondition(self[id] == nil, "account \(id) is listed already")
        count += 1
        // The flat array stays within a few times the number of accounts.
        guard id.rawValue < UInt64(4 * count + 4_096), let narrow = Int32(exactly: index) else {
            sparse[id] = index
            return
        }
        let number = Int(id.rawValue)
        if number >= dense.count {
            dense.append(contentsOf: repeatElement(-1, count: number - dense.count + 1))
        }
        dense[number] = narrow
    }
}
