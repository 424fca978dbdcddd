import BackstopCore

/// An opposite-side position that may absorb part of a bankrupt one, with what every policy needs
/// to rank it or size its share.
public struct DeleveragingCandidate: Hashable, Sendable {
    /// The holder.
    public var account: AccountID
    /// The size of the position, positive; it is on the other side of the bankrupt position.
    public var size: Quantity
    /// What opening it cost, positive: `size × entry price`.
    public var entryValue: Money
    /// The equity behind it: the isolated position's, or the account's cross equity.
    public var equity: Money
    /// The wallet balance behind it (Binance's `WB`): isolated wallet, or cross wallet balance.
    public var walletBalance: Money
    /// The maintenance margin of that scope.
    public var maintenanceMargin: Money

    /// Creates a candidate.
    public init(
        account: AccountID, size: Quantity, entryValue: Money, equity: Money, walletBalance: Money,
        maintenanceMargin: Money
    ) {
        self.account = account
        self.size = size
        self.entryValue = entryValue
        self.equity = equity
        self.walletBalance = walletBalance
        self.maintenanceMargin = maintenanceMargin
    }
}

/// What a deleveraging round must do: close `quantity` of bankrupt positions on `bankruptSide`
/// against the other side, at `executionPrice`, with the market at `markPrice`.
public struct DeleveragingTerms: Hashable, Sendable {
    /// The side of the bankrupt position (its counterparties hold the other side).
    public var bankruptSide: Side
    /// The contracts to absorb.
    public var quantity: Quantity
    /// The price counterparties are closed at (the bankruptcy price by default, or the mark).
    public var executionPrice: Price
    /// The mark price, against which haircuts and profits are measured.
    public var markPrice: Price
    /// Counterparties are closed in whole lots.
    public var lotSize: Quantity
    /// Seeds the pseudo-random start of `random-dydx`; derived from engine state, so replayable.
    public var seed: UInt64

    /// Creates terms.
    public init(
        bankruptSide: Side, quantity: Quantity, executionPrice: Price, markPrice: Price, lotSize: Quantity,
        seed: UInt64 = 0
    ) {
        self.bankruptSide = bankruptSide
        self.quantity = quantity
        self.executionPrice = executionPrice
        self.markPrice = markPrice
        self.lotSize = lotSize
        self.seed = seed
    }

    /// The counterparties' side: long when the bankrupt position is short.
    public var counterpartySide: Side { bankruptSide.opposite }

    /// What closing one contract at the execution price instead of the mark costs a counterparty
    /// (negative when it gains): a short bought back above the mark, or a long sold below it.
    public var haircutPerContract: Price {
        counterpartySide == .sell
            ? Price(raw: executionPrice.raw - markPrice.raw)
            : Price(raw: markPrice.raw - executionPrice.raw)
    }
}

extension DeleveragingCandidate {
    /// The position's value at `mark`, positive: `size.value(at: mark, rounding: .down)`.
    public func markValue(at mark: Price) -> Money { size.value(at: mark, rounding: .down) }

    /// Unrealized profit at `mark` for a position on `side`.
    public func unrealizedPnL(at mark: Price, side: Side) -> Money {
        side == .buy ? markValue(at: mark) - entryValue : entryValue - markValue(at: mark)
    }

    /// What the candidate would lose, against the mark, by having `quantity` closed on these terms.
    public func haircut(closing quantity: Quantity, terms: DeleveragingTerms) -> Money {
        let atExecution = quantity.value(at: terms.executionPrice, rounding: .halfEven)
        let atMark = quantity.value(at: terms.markPrice, rounding: .halfEven)
        return terms.counterpartySide == .sell ? atExecution - atMark : atMark - atExecution
    }
}
