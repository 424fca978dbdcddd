import BackstopCore
import BackstopEngine

/// One change of an account's wallet balance, as Binance's `income` lists it.
public struct IncomeEntry: Hashable, Sendable {
    /// Binance's income types that the venue produces.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Money deposited (positive) or withdrawn (negative).
        case transfer = "TRANSFER"
        /// Profit or loss realized by a fill, before its fee.
        case realizedPnL = "REALIZED_PNL"
        /// A trading fee (negative) or rebate (positive).
        case commission = "COMMISSION"
        /// A funding payment (negative) or receipt (positive).
        case fundingFee = "FUNDING_FEE"
        /// Money the liquidation process moved: the liquidation fee and surplus taken (negative),
        /// bad debt an insurance fund covered (positive), the margin a backstop vault took over.
        case insuranceClear = "INSURANCE_CLEAR"
    }

    /// Unique across the venue, increasing in event order.
    public var transactionId: UInt64
    /// What moved the money.
    public var kind: Kind
    /// The market; empty for a transfer.
    public var symbol: String
    /// The change: positive credits the account.
    public var amount: Money
    /// The trade it comes from, if any.
    public var tradeId: UInt64?
    /// When it moved.
    public var time: Timestamp
}
