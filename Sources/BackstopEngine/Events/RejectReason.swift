/// The stable code of a refused command.
public enum RejectReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// The command's time is earlier than the engine's clock.
    case timeWentBackwards
    /// The market spec is unusable (the message names the field).
    case invalidMarketSpec
    /// A market with this symbol exists already.
    case marketExists
    /// No market has this symbol.
    case unknownMarket
    /// No account has this number.
    case unknownAccount
    /// An amount is zero, negative or too large.
    case invalidAmount
    /// The account cannot spare that much.
    case insufficientBalance
    /// The account cannot margin the order or the change.
    case insufficientMargin
    /// The quantity is not a positive multiple of the lot size, or is above the maximum.
    case invalidQuantity
    /// The price is missing, not a multiple of the tick size, or out of range.
    case invalidPrice
    /// The limit price is too far from the mark price.
    case priceOutOfBand
    /// The order's notional is below the market's minimum.
    case belowMinNotional
    /// The market has no mark price yet.
    case noMarkPrice
    /// The leverage is below 1 or above what the position's tier allows.
    case invalidLeverage
    /// The position the orders could reach is too large for the leverage (Binance -2027).
    case exceedsPositionLimit
    /// The margin mode cannot change while a position or orders are open.
    case positionOrOrdersOpen
    /// The position is not isolated.
    case notIsolated
    /// A reduce-only order would not reduce the position.
    case reduceOnlyWouldIncrease
    /// A resting reduce-only order is larger than what is left to reduce.
    case reduceOnlyExceedsPosition
    /// A post-only order would have matched at once.
    case postOnlyWouldMatch
    /// No open order with this number belongs to the account in this market.
    case unknownOrder
    /// The amendment changes nothing or is not allowed.
    case invalidAmendment
    /// Too many open orders for the account in this market.
    case tooManyOrders
    /// The funding interval has not ended yet.
    case fundingNotDue
    /// The account is run by the engine (an insurance fund) and cannot do this.
    case systemAccount
    /// A field is malformed (the message says which).
    case malformed
}
