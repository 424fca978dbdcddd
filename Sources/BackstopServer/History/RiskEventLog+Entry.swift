import BackstopCore
import BackstopEngine

extension RiskEventLog {
    /// What happened, as the operator's page lists it.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An account (cross) or an isolated position fell below maintenance margin.
        case liquidationStarted
        /// A liquidation order for part or all of a position; the book's makers absorbed it.
        case liquidationStep
        /// An insurance fund took the rest of a position over at the bankruptcy price.
        case fundTakeover
        /// Auto-deleveraging closed counterparties against a bankrupt position.
        case deleveraged
        /// A flat account was left with a negative balance.
        case badDebt
        /// A backstop vault took a position over with its margin.
        case vaultTakeover
    }

    /// The side of a position, as Binance names it.
    public enum PositionSide: String, Hashable, Sendable, Codable {
        /// A long position (it bought).
        case long = "LONG"
        /// A short position (it sold).
        case short = "SHORT"

        /// The side of a signed position (`nil` when flat).
        init?(signed quantity: Quantity) {
            if quantity.isZero { return nil }
            self = quantity.isPositive ? .long : .short
        }

        /// The side of a position that holds what `side` bought or sold.
        init(_ side: Side) { self = side == .buy ? .long : .short }
    }

    /// Who took a share of a liquidated position or of its loss.
    public enum AbsorberKind: String, Hashable, Sendable, Codable {
        /// A resting order's owner, filled by a liquidation order.
        case book
        /// An insurance fund.
        case fund
        /// A counterparty closed (or debited) by auto-deleveraging.
        case counterparty
        /// A backstop vault.
        case vault
        /// Nobody: the loss no one paid, reported as a shortfall.
        case uncovered
    }

    /// One party's share of an entry: what it took and what it cost it.
    public struct Absorber: Hashable, Sendable, Codable {
        /// Who it is.
        public var kind: AbsorberKind
        /// The account that took it: a maker, a counterparty or a vault.
        public var account: AccountID?
        /// The insurance fund that took it.
        public var pool: String?
        /// The contracts it took.
        public var quantity: Quantity?
        /// The price it took them at.
        public var price: Price?
        /// The money it absorbed: a counterparty's haircut, a fund's immediate loss or its bad-debt
        /// payment, or the amount left uncovered.
        public var amount: Money?

        /// Creates an absorber.
        public init(
            kind: AbsorberKind, account: AccountID? = nil, pool: String? = nil, quantity: Quantity? = nil,
            price: Price? = nil, amount: Money? = nil
        ) {
            self.kind = kind
            self.account = account
            self.pool = pool
            self.quantity = quantity
            self.price = price
            self.amount = amount
        }
    }

    /// One liquidation, takeover, deleveraging round or bad debt.
    public struct Entry: Hashable, Sendable, Codable {
        /// The entry's number in the log, from 1; a later entry has a larger number.
        public var id: UInt64
        /// The time of the command that caused it.
        public var time: Timestamp
        /// What happened.
        public var kind: Kind
        /// The account being liquidated, deleveraged against, or left in debt.
        public var account: AccountID
        /// The market; absent for a cross liquidation's start and a cross balance's bad debt.
        public var symbol: String?
        /// The side of the liquidated or bankrupt position.
        public var side: PositionSide?
        /// The contracts concerned: ordered, taken over, or handed to deleveraging.
        public var quantity: Quantity?
        /// The liquidation order's limit (the bankruptcy price), the takeover price, or the
        /// deleveraging execution price.
        public var price: Price?
        /// The mark price at the time.
        public var markPrice: Price?
        /// The deleveraging policy that chose the counterparties.
        public var policy: DeleveragingPolicyName?
        /// The kind's own figure: the account's equity when liquidation started, the fund's
        /// immediate loss, the shortfall handed to deleveraging, the bad debt, or the margin a vault
        /// took with the positions (on the first position's entry).
        public var amount: Money?
        /// Who absorbed it, and how much.
        public var absorbers: [Absorber]
        /// The figures of the event in words.
        public var note: String

        /// Creates an entry; the log numbers it when it records it.
        public init(
            time: Timestamp, kind: Kind, account: AccountID, symbol: String? = nil, side: PositionSide? = nil,
            quantity: Quantity? = nil, price: Price? = nil, markPrice: Price? = nil,
            policy: DeleveragingPolicyName? = nil, amount: Money? = nil, absorbers: [Absorber] = [], note: String = ""
        ) {
            self.id = 0
            self.time = time
            self.kind = kind
            self.account = account
            self.symbol = symbol
            self.side = side
            self.quantity = quantity
            self.price = price
            self.markPrice = markPrice
            self.policy = policy
            self.amount = amount
            self.absorbers = absorbers
            self.note = note
        }
    }
}
