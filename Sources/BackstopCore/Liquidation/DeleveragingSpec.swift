/// The shipped auto-deleveraging policies (REFERENCE sections 6 to 8), by the names markets and the
/// command line use.
public enum DeleveragingPolicyName: String, Hashable, Sendable, Codable, CaseIterable {
    /// BitMEX's queue: profit share times effective leverage.
    case queueBitmex = "queue-bitmex"
    /// Binance's queue: profit share times margin ratio.
    case queueBinance = "queue-binance"
    /// Hyperliquid's queue: price move times leverage.
    case queueHyperliquid = "queue-hyperliquid"
    /// WhiteBIT's queue: profit over equity, winners only.
    case queueWhitebit = "queue-whitebit"
    /// dYdX v4: accounts in order from a pseudo-random start.
    case randomDydx = "random-dydx"
    /// Quantity in proportion to profit.
    case proRata = "pro-rata"
    /// The smallest possible largest haircut as a fraction of profit, on the lot grid.
    case minMax = "min-max"
    /// The most levered first, down to a common leverage (Campbell et al.).
    case leverageDraining = "leverage-draining"
    /// No closes: winners' profit is debited to cover the shortfall.
    case socializedLoss = "socialized-loss"
}

/// How a market auto-deleverages what the book and the fund could not absorb.
public struct DeleveragingSpec: Hashable, Sendable, Codable {
    /// The price counterparties are closed at.
    public enum ExecutionPrice: String, Hashable, Sendable, Codable {
        /// The bankrupt position's bankruptcy price (Binance, BitMEX, Bybit, dYdX).
        case bankruptcy
        /// The mark price (OKX, Hyperliquid).
        case mark
    }

    /// The policy.
    public var policy: DeleveragingPolicyName
    /// The execution price.
    public var executionPrice: ExecutionPrice

    /// Creates deleveraging rules; Binance's queue at the bankruptcy price by default.
    public init(policy: DeleveragingPolicyName = .queueBinance, executionPrice: ExecutionPrice = .bankruptcy) {
        self.policy = policy
        self.executionPrice = executionPrice
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case policy, executionPrice }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            policy: try container.decodeIfPresent(DeleveragingPolicyName.self, forKey: .policy) ?? .queueBinance,
            executionPrice: try container.decodeIfPresent(ExecutionPrice.self, forKey: .executionPrice) ?? .bankruptcy)
    }
}

extension DeleveragingSpec {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}
