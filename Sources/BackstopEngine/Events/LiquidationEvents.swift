import BackstopCore

/// An insurance fund pool was created.
public struct InsuranceFundCreated: Hashable, Sendable, Codable {
    public var name: String
    public var account: AccountID
}

/// An account (cross) or a position (isolated) fell below maintenance margin and liquidation began.
public struct LiquidationStarted: Hashable, Sendable, Codable {
    public var account: AccountID
    public var marginMode: MarginMode
    /// The isolated position's market; absent for cross, which covers every cross position.
    public var symbol: String?
    public var equity: Money
    public var maintenanceMargin: Money
}

/// One step of a liquidation: a liquidation order for part or all of a position.
public struct LiquidationStep: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    /// The liquidation order's number (its fills carry it as the taker order).
    public var orderId: OrderID
    /// The side of the liquidation order (sell to close a long).
    public var side: Side
    /// What this step closes.
    public var quantity: Quantity
    /// The signed position before the step.
    public var position: Quantity
    /// The limit of the liquidation order.
    public var bankruptcyPrice: Price
    public var markPrice: Price
    /// Why this much: `full`, `tierStep` or `slices`.
    public var partialMode: LiquidationSpec.PartialMode
}

/// The fee taken from a liquidation's fills: their surplus over the bankruptcy price, up to the fee.
public struct LiquidationFeeCharged: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    /// The insurance fund credited; absent when the market has none (the fee account is credited).
    public var pool: String?
    /// How much the book took.
    public var filledQuantity: Quantity
    /// What the fills gave beyond the bankruptcy price.
    public var surplus: Money
    /// The liquidation fee (`filled value × liquidation fee rate`), capped by the surplus.
    public var fee: Money
    /// Surplus beyond the fee that went to the fund as well.
    public var surplusToFund: Money
}

/// An insurance fund took over the rest of a liquidated position at the bankruptcy price.
public struct FundTakeover: Hashable, Sendable, Codable {
    public var pool: String
    public var account: AccountID
    public var symbol: String
    /// The fund's side (buy when it takes over a long).
    public var side: Side
    public var quantity: Quantity
    public var price: Price
    public var markPrice: Price
    /// What the fund shows as lost at once against the mark.
    public var immediateLoss: Money
}

/// An insurance fund would not take a position over.
public struct FundRefused: Hashable, Sendable, Codable {
    /// The pool; absent when the market has none.
    public var pool: String?
    public var account: AccountID
    public var symbol: String
    public var quantity: Quantity
    public var refusal: FundRefusal
}

/// What neither the book nor the fund could absorb, handed on to auto-deleveraging: the exact
/// remainder of a bankrupt position.
public struct DeleveragingRequest: Hashable, Sendable, Codable {
    /// The request's number, from 1.
    public var id: UInt64
    public var account: AccountID
    public var symbol: String
    /// The side of the bankrupt position (counterparties are on the other side).
    public var positionSide: Side
    public var quantity: Quantity
    /// The price at which counterparties are to be closed against it.
    public var bankruptcyPrice: Price
    public var markPrice: Price
    /// The loss against the mark that the counterparties must absorb:
    /// `quantity × |bankruptcy price − mark|` when the mark is past the bankruptcy price, else zero.
    public var shortfall: Money
}

/// A backstop vault took over positions and the margin behind them.
public struct VaultTakeover: Hashable, Sendable, Codable {
    /// One position taken over at the mark price.
    public struct TakenPosition: Hashable, Sendable, Codable {
        public var symbol: String
        /// The signed position taken over.
        public var quantity: Quantity
        /// The mark price it was taken at.
        public var price: Price
    }

    public var vault: AccountID
    public var account: AccountID
    public var marginMode: MarginMode
    public var positions: [TakenPosition]
    /// The margin that went with them (negative when the vault had to make it up).
    public var marginTransferred: Money
}

/// A liquidation finished.
public struct LiquidationEnded: Hashable, Sendable, Codable {
    public var account: AccountID
    public var marginMode: MarginMode
    public var symbol: String?
    public var equity: Money
    public var maintenanceMargin: Money
}

/// A flat account was left with a negative balance: the fund paid what it could, the rest is counted.
public struct BadDebt: Hashable, Sendable, Codable {
    public var account: AccountID
    /// The isolated market whose balance it was; absent for the cross balance.
    public var symbol: String?
    public var amount: Money
    public var pool: String?
    public var coveredByFund: Money
    /// What is left uncovered, counted on the account's reported shortfall.
    public var uncovered: Money
}
