import BackstopCore
import HeapModule

/// One position's liquidation trigger: the mark price at which it must be checked.
struct LiquidationTrigger: Comparable, Sendable, Codable {
    var price: Price
    var account: Int
    /// Matches ``Position/triggerVersion`` while the entry is current.
    var version: UInt32

    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.price != rhs.price ? lhs.price < rhs.price : lhs.account > rhs.account
    }
}

/// A market's positions indexed by liquidation price, so that a mark update finds the positions it
/// may liquidate without looking at any other.
///
/// Longs are liquidated when the mark falls to their trigger, shorts when it rises to theirs; each
/// side is a heap with the nearest trigger on top, so a mark update that liquidates nobody costs one
/// look at each top. A position that changes gets a new entry and a new version; its old entry
/// becomes stale and is skipped when it surfaces. Stale entries are swept out once they outnumber
/// the current ones.
struct LiquidationIndex: Sendable {
    private var longs = Heap<LiquidationTrigger>()
    private var shorts = Heap<LiquidationTrigger>()
    /// How many entries are known to be stale.
    private(set) var staleCount = 0

    /// All entries, current and stale.
    var count: Int { longs.count + shorts.count }

    mutating func insert(_ trigger: LiquidationTrigger, long: Bool) {
        if long { longs.insert(trigger) } else { shorts.insert(trigger) }
    }

    /// Counts an entry that has just become stale.
    mutating func markStale() { staleCount += 1 }

    /// Removes and returns every entry the mark has reached, nearest first: longs whose trigger is at
    /// or above the mark, then shorts whose trigger is at or below it. Some may be stale.
    mutating func popTriggered(at mark: Price) -> [LiquidationTrigger] {
        var reached: [LiquidationTrigger] = []
        while let top = longs.max, top.price >= mark {
            reached.append(longs.removeMax())
        }
        while let top = shorts.min, top.price <= mark {
            reached.append(shorts.removeMin())
        }
        return reached
    }

    /// Forgets a stale entry that surfaced.
    mutating func staleRemoved() { staleCount = max(0, staleCount - 1) }

    /// True when stale entries outnumber current ones by enough to be worth a sweep.
    var needsCompaction: Bool { staleCount > 1_024 && staleCount * 2 > count }

    /// Keeps only the entries `isCurrent` accepts.
    mutating func compact(isCurrent: (LiquidationTrigger) -> Bool) {
        longs = Heap(longs.unordered.filter(isCurrent))
        shorts = Heap(shorts.unordered.filter(isCurrent))
        staleCount = 0
    }
}

extension LiquidationIndex: Codable {
    enum CodingKeys: String, CodingKey { case longs, shorts, staleCount }

    /// Entries that compare equal belong to one account at one price, so rebuilding the heaps from
    /// their entries in any order pops the same positions in the same order.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        longs = Heap(try container.decode([LiquidationTrigger].self, forKey: .longs))
        shorts = Heap(try container.decode([LiquidationTrigger].self, forKey: .shorts))
        staleCount = try container.decode(Int.self, forKey: .staleCount)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(longs.unordered, forKey: .longs)
        try container.encode(shorts.unordered, forKey: .shorts)
        try container.encode(staleCount, forKey: .staleCount)
    }
}
