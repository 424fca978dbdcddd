/// How a market liquidates (REFERENCE section 5): how much at a time, where the surplus goes, which
/// insurance fund stands behind it and whether a backstop vault takes over first.
public struct LiquidationSpec: Hashable, Sendable, Codable {
    /// How much of a position one liquidation step closes.
    public enum PartialMode: String, Hashable, Sendable, Codable {
        /// The whole position at once (Binance for most positions).
        case full
        /// Down to the floor of the position's tier, one tier at a time (Bybit, BitMEX, OKX tier 3+);
        /// a position in the first tier is closed whole.
        case tierStep
        /// `sliceFraction` of the position per step while its notional is above `sliceAboveNotional`
        /// (Hyperliquid: 20% above $100k); smaller positions are closed whole.
        case slices
    }

    /// Where a liquidation fill's surplus over the bankruptcy price goes beyond the liquidation fee.
    public enum SurplusRecipient: String, Hashable, Sendable, Codable {
        /// All of it to the insurance fund (Binance).
        case insuranceFund
        /// The fee to the fund, the rest stays with the trader.
        case trader
    }

    /// How much one step closes.
    public var partialMode: PartialMode
    /// The share of the position one slice closes (`slices` mode).
    public var sliceFraction: Rate
    /// Positions at or below this notional are closed whole (`slices` mode).
    public var sliceAboveNotional: Money
    /// Where the surplus beyond the fee goes.
    public var surplusRecipient: SurplusRecipient
    /// The insurance fund pool behind this market; none means the book then deleveraging.
    public var insuranceFund: String?
    /// An account that takes over positions and their margin below `backstopThreshold` × maintenance
    /// margin (Hyperliquid HLP, Lighter LLP); none means no vault.
    public var backstopVault: UInt64?
    /// The vault takes over when equity falls below this share of maintenance margin (2/3 by default).
    public var backstopThreshold: Rate
    /// The share of its position in this market the fund offers to the book on each mark update.
    public var fundUnwindFraction: Rate
    /// How far from the mark the fund's unwinding orders may trade.
    public var fundUnwindSlippage: Rate

    /// Creates liquidation rules; by default whole positions, surplus to the fund, no fund, no vault.
    public init(
        partialMode: PartialMode = .full, sliceFraction: Rate = Rate("0.2")!,
        sliceAboveNotional: Money = Money(units: 100_000), surplusRecipient: SurplusRecipient = .insuranceFund,
        insuranceFund: String? = nil, backstopVault: UInt64? = nil, backstopThreshold: Rate = Rate("0.66666667")!,
        fundUnwindFraction: Rate = Rate("0.25")!, fundUnwindSlippage: Rate = Rate("0.01")!
    ) {
        self.partialMode = partialMode
        self.sliceFraction = sliceFraction
        self.sliceAboveNotional = sliceAboveNotional
        self.surplusRecipient = surplusRecipient
        self.insuranceFund = insuranceFund
        self.backstopVault = backstopVault
        self.backstopThreshold = backstopThreshold
        self.fundUnwindFraction = fundUnwindFraction
        self.fundUnwindSlippage = fundUnwindSlippage
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case partialMode, sliceFraction, sliceAboveNotional, surplusRecipient, insuranceFund, backstopVault
        case backstopThreshold, fundUnwindFraction, fundUnwindSlippage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LiquidationSpec()
        self.init(
            partialMode: try container.decodeIfPresent(PartialMode.self, forKey: .partialMode) ?? defaults.partialMode,
            sliceFraction: try container.decodeIfPresent(Rate.self, forKey: .sliceFraction) ?? defaults.sliceFraction,
            sliceAboveNotional: try container.decodeIfPresent(Money.self, forKey: .sliceAboveNotional)
                ?? defaults.sliceAboveNotional,
            surplusRecipient: try container.decodeIfPresent(SurplusRecipient.self, forKey: .surplusRecipient)
                ?? defaults.surplusRecipient,
            insuranceFund: try container.decodeIfPresent(String.self, forKey: .insuranceFund),
            backstopVault: try container.decodeIfPresent(UInt64.self, forKey: .backstopVault),
            backstopThreshold: try container.decodeIfPresent(Rate.self, forKey: .backstopThreshold)
                ?? defaults.backstopThreshold,
            fundUnwindFraction: try container.decodeIfPresent(Rate.self, forKey: .fundUnwindFraction)
                ?? defaults.fundUnwindFraction,
            fundUnwindSlippage: try container.decodeIfPresent(Rate.self, forKey: .fundUnwindSlippage)
                ?? defaults.fundUnwindSlippage)
    }
}

/// An insurance fund pool and the rules that stop it from taking over positions (REFERENCE section 5).
/// Each rule is off when its limit is absent.
public struct InsuranceFundSpec: Hashable, Sendable, Codable {
    /// The pool's name, which markets refer to.
    public var name: String
    /// The account that holds the pool's money and taken-over positions.
    public var account: UInt64
    /// The fund refuses a takeover that would leave its equity below this.
    public var minimumBalance: Money
    /// The fund refuses when its net position in the market would exceed this share of its equity (Binance 20%).
    public var maxPositionShare: Rate?
    /// The fund stops taking over for a window once its loss over the window exceeds this share (Binance 7.5%).
    public var lossLimit: Rate?
    /// The window of `lossLimit` and of the suspension it triggers (8 hours by default).
    public var lossWindowMilliseconds: Int64
    /// The fund refuses while it is more than this share below its peak within the window (OKX 30%).
    public var drawdownLimit: Rate?
    /// The window of `drawdownLimit` (8 hours by default).
    public var drawdownWindowMilliseconds: Int64

    /// Creates a pool spec; by default no rule but a zero minimum balance.
    public init(
        name: String, account: UInt64, minimumBalance: Money = .zero, maxPositionShare: Rate? = nil,
        lossLimit: Rate? = nil, lossWindowMilliseconds: Int64 = 8 * 3_600_000, drawdownLimit: Rate? = nil,
        drawdownWindowMilliseconds: Int64 = 8 * 3_600_000
    ) {
        self.name = name
        self.account = account
        self.minimumBalance = minimumBalance
        self.maxPositionShare = maxPositionShare
        self.lossLimit = lossLimit
        self.lossWindowMilliseconds = lossWindowMilliseconds
        self.drawdownLimit = drawdownLimit
        self.drawdownWindowMilliseconds = drawdownWindowMilliseconds
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, account, minimumBalance, maxPositionShare, lossLimit, lossWindowMilliseconds
        case drawdownLimit, drawdownWindowMilliseconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hours8: Int64 = 8 * 3_600_000
        self.init(
            name: try container.decode(String.self, forKey: .name),
            account: try container.decode(UInt64.self, forKey: .account),
            minimumBalance: try container.decodeIfPresent(Money.self, forKey: .minimumBalance) ?? .zero,
            maxPositionShare: try container.decodeIfPresent(Rate.self, forKey: .maxPositionShare),
            lossLimit: try container.decodeIfPresent(Rate.self, forKey: .lossLimit),
            lossWindowMilliseconds: try container.decodeIfPresent(Int64.self, forKey: .lossWindowMilliseconds) ?? hours8,
            drawdownLimit: try container.decodeIfPresent(Rate.self, forKey: .drawdownLimit),
            drawdownWindowMilliseconds: try container.decodeIfPresent(Int64.self, forKey: .drawdownWindowMilliseconds)
                ?? hours8)
    }

    /// This spec if every field is usable.
    ///
    /// - Throws: ``MarketSpecError`` naming the first field at fault.
    public func validated() throws(MarketSpecError) -> InsuranceFundSpec {
        func fail(_ field: String, _ reason: String) -> MarketSpecError { MarketSpecError(field: field, reason: reason) }
        guard !name.isEmpty, name.utf8.count <= 32 else { throw fail("name", "must be 1 to 32 bytes") }
        guard !minimumBalance.isNegative else { throw fail("minimumBalance", "must not be negative") }
        for (field, rate) in [("maxPositionShare", maxPositionShare), ("lossLimit", lossLimit),
                              ("drawdownLimit", drawdownLimit)] {
            if let rate, !rate.isPositive { throw fail(field, "must be positive") }
        }
        guard lossWindowMilliseconds >= 1_000 else { throw fail("lossWindowMilliseconds", "must be at least 1000") }
        guard drawdownWindowMilliseconds >= 1_000 else {
            throw fail("drawdownWindowMilliseconds", "must be at least 1000")
        }
        return self
    }
}

extension LiquidationSpec {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}

extension InsuranceFundSpec {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}
