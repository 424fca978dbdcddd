/// The accounts with a position slot in one market, in account order: every account that can hold a
/// position there, so that deleveraging and the ADL indicator read only this market's holders instead
/// of every account.
///
/// An account joins when its slot is created (``Engine/positionSlot(account:market:)``, which every
/// fill, order and setting in the market goes through first), and slots are never removed, so the
/// list is always complete; a reader skips the flat slots and those on the other side.
///
/// Accounts are created in order, so a new slot usually belongs to the highest account yet and is
/// appended; the others wait in a small unsorted tail that is merged in once it grows past an eighth of
/// the list, so that an insertion costs amortized constant time.
struct MarketHolders: Sendable, Codable {
    /// Account indices in increasing order.
    private var ordered: [Int32] = []
    /// Account indices that arrived out of order, not yet merged.
    private var tail: [Int32] = []

    /// How many accounts have a slot.
    var count: Int { ordered.count + tail.count }

    /// Adds an account whose slot was just created (it is not yet listed).
    mutating func insert(_ account: Int) {
        let index = Int32(account)
        if tail.isEmpty, ordered.last.map({ $0 < index }) ?? true {
            ordered.append(index)
            return
        }
        tail.append(index)
        if tail.count > max(64, ordered.count / 8) {
            ordered = Self.merge(ordered, tail.sorted())
            tail = []
        }
    }

    /// The account indices in increasing order.
    var accounts: [Int32] { tail.isEmpty ? ordered : Self.merge(ordered, tail.sorted()) }

    /// Two increasing lists as one.
    private static func merge(_ first: [Int32], _ second: [Int32]) -> [Int32] {
        var merged: [Int32] = []
        merged.reserveCapacity(first.count + second.count)
        var (left, right) = (0, 0)
        while left < first.count, right < second.count {
            if first[left] < second[right] {
                merged.append(first[left])
                left += 1
            } else {
                merged.append(second[right])
                right += 1
            }
        }
        merged += first[left...]
        merged += second[right...]
        return merged
    }
}
