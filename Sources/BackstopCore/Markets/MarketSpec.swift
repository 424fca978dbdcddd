/// Everything that defines a perpetual market: its grid, its risk tiers, its fees, its funding and its
/// price rules. Loaded from JSON and checked by ``MarketSpec/validated()`` before any use.
public struct MarketSpec: Hashable, Sendable, Codable {
    /// The market's name, such as `BTCUSDT`.
    public var symbol: String
    /// The traded asset, such as `BTC`.
    public var baseAsset: String
    /// The settlement currency, such as `USDT`.
    public var quoteAsset: String
    /// Every order price is a multiple of this.
    public var tickSize: Price
    /// Every order quantity is a multiple of this.
    public var lotSize: Quantity
    /// The smallest order notional (quantity × price) accepted, except for reduce-only orders.
    public var minNotional: Money
    /// The largest quantity of one order.
    public var maxOrderQuantity: Quantity
    /// The highest price an order may carry.
    public var maxPrice: Price
    /// Risk brackets by notional, lowest first.
    public var riskTiers: [RiskTier]
    /// Fee rate paid by the resting side of a trade.
    public var makerFeeRate: Rate
    /// Fee rate paid by the incoming side of a trade.
    public var takerFeeRate: Rate
    /// Fee rate charged on liquidation fills, paid to the insurance fund.
    public var liquidationFeeRate: Rate
    /// Funding parameters.
    public var funding: FundingSpec
    /// Mark and index price parameters.
    public var markPrice: MarkPriceSpec
    /// Limit orders must be priced within this fraction of the mark price (Binance's PERCENT_PRICE).
    public var priceBand: Rate
    /// How positions are liquidated and what stands behind them.
    public var liquidation: LiquidationSpec
    /// How what the book and the fund could not absorb is deleveraged.
    public var deleveraging: DeleveragingSpec

    /// Creates a market spec; call ``validated()`` before using it.
    public init(
        symbol: String, baseAsset: String, quoteAsset: String = "USDT",
        tickSize: Price, lotSize: Quantity, minNotional: Money,
        maxOrderQuantity: Quantity, maxPrice: Price, riskTiers: [RiskTier],
        makerFeeRate: Rate, takerFeeRate: Rate, liquidationFeeRate: Rate,
        funding: FundingSpec = FundingSpec(), markPrice: MarkPriceSpec = MarkPriceSpec(),
        priceBand: Rate = Rate("0.05")!, liquidation: LiquidationSpec = LiquidationSpec(),
        deleveraging: DeleveragingSpec = DeleveragingSpec()
    ) {
        self.symbol = symbol
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.tickSize = tickSize
        self.lotSize = lotSize
        self.minNotional = minNotional
        self.maxOrderQuantity = maxOrderQuantity
        self.maxPrice = maxPrice
        self.riskTiers = RiskTier.withMaintenanceAmounts(riskTiers)
        self.makerFeeRate = makerFeeRate
        self.takerFeeRate = takerFeeRate
        self.liquidationFeeRate = liquidationFeeRate
        self.funding = funding
        self.markPrice = markPrice
        self.priceBand = priceBand
        self.liquidation = liquidation
        self.deleveraging = deleveraging
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case symbol, baseAsset, quoteAsset, tickSize, lotSize, minNotional, maxOrderQuantity, maxPrice
        case riskTiers, makerFeeRate, takerFeeRate, liquidationFeeRate, funding, markPrice, priceBand, liquidation
        case deleveraging
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            symbol: try container.decode(String.self, forKey: .symbol),
            baseAsset: try container.decode(String.self, forKey: .baseAsset),
            quoteAsset: try container.decodeIfPresent(String.self, forKey: .quoteAsset) ?? "USDT",
            tickSize: try container.decode(Price.self, forKey: .tickSize),
            lotSize: try container.decode(Quantity.self, forKey: .lotSize),
            minNotional: try container.decodeIfPresent(Money.self, forKey: .minNotional) ?? .zero,
            maxOrderQuantity: try container.decodeIfPresent(Quantity.self, forKey: .maxOrderQuantity)
                ?? Quantity(units: 10_000),
            maxPrice: try container.decodeIfPresent(Price.self, forKey: .maxPrice) ?? Price(units: 1_000_000),
            riskTiers: try container.decode([RiskTier].self, forKey: .riskTiers),
            makerFeeRate: try container.decodeIfPresent(Rate.self, forKey: .makerFeeRate) ?? Rate("0.0002")!,
            takerFeeRate: try container.decodeIfPresent(Rate.self, forKey: .takerFeeRate) ?? Rate("0.0005")!,
            liquidationFeeRate: try container.decodeIfPresent(Rate.self, forKey: .liquidationFeeRate)
                ?? Rate("0.0125")!,
            funding: try container.decodeIfPresent(FundingSpec.self, forKey: .funding) ?? FundingSpec(),
            markPrice: try container.decodeIfPresent(MarkPriceSpec.self, forKey: .markPrice) ?? MarkPriceSpec(),
            priceBand: try container.decodeIfPresent(Rate.self, forKey: .priceBand) ?? Rate("0.05")!,
            liquidation: try container.decodeIfPresent(LiquidationSpec.self, forKey: .liquidation) ?? LiquidationSpec(),
            deleveraging: try container.decodeIfPresent(DeleveragingSpec.self, forKey: .deleveraging)
                ?? DeleveragingSpec())
    }

    /// The tier that holds a position of this notional (the highest tier whose floor it reaches).
    @inlinable
    public func tier(forNotional notional: Money) -> RiskTier {
        riskTiers.tier(forNotional: notional)
    }

    /// The highest leverage any position may use in this market (the first tier's).
    public var maxLeverage: Int { riskTiers[0].maxLeverage }
}

/// How funding is computed and settled in a market (REFERENCE section 4).
public struct FundingSpec: Hashable, Sendable, Codable {
    /// Time between settlements, in milliseconds (8 hours by default).
    public var intervalMilliseconds: Int64
    /// The interest rate per interval.
    public var interestRate: Rate
    /// The clamp applied to `interest − premium`, both ways (0.05% by default).
    public var premiumClamp: Rate
    /// The largest absolute funding rate per interval.
    public var rateCap: Rate

    /// Creates funding parameters; Binance's defaults for an 8-hour market.
    public init(
        intervalMilliseconds: Int64 = 8 * 3_600_000, interestRate: Rate = Rate("0.0001")!,
        premiumClamp: Rate = Rate("0.0005")!, rateCap: Rate = Rate("0.0075")!
    ) {
        self.intervalMilliseconds = intervalMilliseconds
        self.interestRate = interestRate
        self.premiumClamp = premiumClamp
        self.rateCap = rateCap
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case intervalMilliseconds, interestRate, premiumClamp, rateCap }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FundingSpec()
        self.init(
            intervalMilliseconds: try container.decodeIfPresent(Int64.self, forKey: .intervalMilliseconds)
                ?? defaults.intervalMilliseconds,
            interestRate: try container.decodeIfPresent(Rate.self, forKey: .interestRate) ?? defaults.interestRate,
            premiumClamp: try container.decodeIfPresent(Rate.self, forKey: .premiumClamp) ?? defaults.premiumClamp,
            rateCap: try container.decodeIfPresent(Rate.self, forKey: .rateCap) ?? defaults.rateCap)
    }
}

/// How a market's index and mark prices are formed (REFERENCE section 3).
public struct MarkPriceSpec: Hashable, Sendable, Codable {
    /// The formula that turns the index and the book into a mark price.
    public enum Method: String, Hashable, Sendable, Codable {
        /// Binance: median of (index × (1 + funding × time left / interval), index + moving average of
        /// (mid − index), last trade).
        case binance
        /// The mark is the index itself.
        case index
    }

    /// The formula in use.
    public var method: Method
    /// Index sources further than this from their median are dropped (5% by default).
    public var sourceDeviationLimit: Rate
    /// The window of the moving average of the basis (mid − index), in milliseconds (30 s by default).
    public var basisWindowMilliseconds: Int64

    /// Creates mark-price parameters; Binance's by default.
    public init(
        method: Method = .binance, sourceDeviationLimit: Rate = Rate("0.05")!,
        basisWindowMilliseconds: Int64 = 30_000
    ) {
        self.method = method
        self.sourceDeviationLimit = sourceDeviationLimit
        self.basisWindowMilliseconds = basisWindowMilliseconds
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case method, sourceDeviationLimit, basisWindowMilliseconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MarkPriceSpec()
        self.init(
            method: try container.decodeIfPresent(Method.self, forKey: .method) ?? defaults.method,
            sourceDeviationLimit: try container.decodeIfPresent(Rate.self, forKey: .sourceDeviationLimit)
                ?? defaults.sourceDeviationLimit,
            basisWindowMilliseconds: try container.decodeIfPresent(Int64.self, forKey: .basisWindowMilliseconds)
                ?? defaults.basisWindowMilliseconds)
    }
}

extension MarketSpec {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}

extension FundingSpec {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}

extension MarkPriceSpec {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}
