import BackstopCore
import BackstopEngine

/// Turns the events of one command into history entries, remembering within the command which
/// liquidation order each liquidated account is working through, so that the book's fills, the
/// fund's takeover and the deleveraging closes of a step all count toward that order.
struct HistoryRecorder {
    let time: Timestamp
    /// The self-trade prevention of the order the command places (the engine's default otherwise).
    let selfTradePrevention: SelfTradePrevention
    private var liquidationOrders: [AccountID: OrderID] = [:]

    init(_ command: Command) {
        time = command.time
        if case .placeOrder(let order) = command.action {
            selfTradePrevention = order.selfTradePrevention
        } else {
            selfTradePrevention = .expireTaker
        }
    }

    mutating func record(_ event: Event, into history: inout VenueHistory) {
        switch event {
        case .deposited(let moved):
            addIncome(.transfer, moved.amount, account: moved.account, symbol: "", into: &history)
        case .withdrawn(let moved):
            addIncome(.transfer, -moved.amount, account: moved.account, symbol: "", into: &history)
        case .leverageSet(let change):
            touch(change.account, change.symbol, in: &history)
        case .marginModeSet(let change):
            touch(change.account, change.symbol, in: &history)
        case .isolatedMarginAdjusted(let change):
            touch(change.account, change.symbol, in: &history)
        case .orderAccepted(let accepted):
            history.orders.accept(accepted, selfTradePrevention: selfTradePrevention, time: time)
        case .orderAmended(let amended):
            history.orders.amend(amended, time: time)
        case .orderClosed(let closed):
            history.orders.close(closed, time: time)
        case .trade(let trade):
            record(trade, into: &history)
        case .fundingPaid(let payment):
            addIncome(.fundingFee, payment.amount, account: payment.account, symbol: payment.symbol, into: &history)
            touch(payment.account, payment.symbol, in: &history)
        case .liquidationStep(let step):
            liquidationOrders[step.account] = step.orderId
            history.forceOrders.append(
                ForceOrderRecord(
                    orderId: step.orderId, closeType: .liquidation, symbol: step.symbol, side: step.side,
                    price: step.bankruptcyPrice, quantity: step.quantity, time: time),
                for: step.account)
        case .liquidationFeeCharged(let charge):
            let taken = charge.fee + charge.surplusToFund
            if !taken.isZero {
                addIncome(.insuranceClear, -taken, account: charge.account, symbol: charge.symbol, into: &history)
            }
        case .vaultTakeover(let takeover):
            let symbol = takeover.marginMode == .isolated ? takeover.positions.first?.symbol ?? "" : ""
            if !takeover.marginTransferred.isZero {
                addIncome(.insuranceClear, -takeover.marginTransferred, account: takeover.account, symbol: symbol, into: &history)
                addIncome(.insuranceClear, takeover.marginTransferred, account: takeover.vault, symbol: symbol, into: &history)
            }
        case .badDebt(let debt):
            if debt.coveredByFund.isPositive {
                addIncome(.insuranceClear, debt.coveredByFund, account: debt.account, symbol: debt.symbol ?? "", into: &history)
            }
        case .liquidationEnded(let ended):
            liquidationOrders[ended.account] = nil
        default:
            break
        }
    }

    /// Both sides of a trade: their fills, income, orders and forced closes.
    private mutating func record(_ trade: Trade, into history: inout VenueHistory) {
        let value = Self.value(of: trade)
        history.orders.fill(trade.takerOrderId, quantity: trade.quantity, value: value, time: time)
        history.orders.fill(trade.makerOrderId, quantity: trade.quantity, value: value, time: time)
        let liquidationOrder = liquidationOrders[trade.takerAccount]
        let takerOrder = trade.kind == .match || trade.kind == .vaultTakeover
            ? trade.takerOrderId : liquidationOrder ?? trade.takerOrderId
        let sides = [
            (trade.takerAccount, takerOrder, trade.takerSide, trade.takerFee, trade.takerRealizedPnL, false),
            (trade.makerAccount, trade.makerOrderId, trade.takerSide.opposite, trade.makerFee, trade.makerRealizedPnL, true),
        ]
        for (account, order, side, fee, realized, maker) in sides {
            history.trades.append(
                AccountTrade(
                    tradeId: trade.tradeId, orderId: order, symbol: trade.symbol, side: side, price: trade.price,
                    quantity: trade.quantity, quote: value, commission: fee, realizedPnL: realized, maker: maker,
                    kind: trade.kind, time: time),
                for: account)
            if !realized.isZero {
                addIncome(.realizedPnL, realized, account: account, symbol: trade.symbol, tradeId: trade.tradeId, into: &history)
            }
            if !fee.isZero {
                addIncome(.commission, -fee, account: account, symbol: trade.symbol, tradeId: trade.tradeId, into: &history)
            }
            touch(account, trade.symbol, in: &history)
        }
        if liquidationOrder != nil, [TradeKind.liquidation, .fundTakeover, .deleveraging].contains(trade.kind) {
            history.forceOrders.updateLast(of: trade.takerAccount) { order in
                order.executedQuantity += trade.quantity
                order.cumulativeQuote += value
            }
        }
        if trade.kind == .vaultTakeover {
            history.forceOrders.append(
                ForceOrderRecord(
                    orderId: trade.takerOrderId, closeType: .liquidation, symbol: trade.symbol, side: trade.takerSide,
                    price: trade.price, quantity: trade.quantity, executedQuantity: trade.quantity,
                    cumulativeQuote: value, time: time),
                for: trade.takerAccount)
        }
        if trade.kind == .deleveraging {
            history.forceOrders.append(
                ForceOrderRecord(
                    orderId: trade.makerOrderId, closeType: .adl, symbol: trade.symbol, side: trade.takerSide.opposite,
                    price: trade.price, quantity: trade.quantity, executedQuantity: trade.quantity,
                    cumulativeQuote: value, time: time),
                for: trade.makerAccount)
        }
    }

    /// The value that changed hands, rounded as the engine rounded it: half-even for a match in the
    /// book, in the favour of the account handing its position over for a transfer.
    static func value(of trade: Trade) -> Money {
        switch trade.kind {
        case .match, .liquidation:
            trade.quantity.value(at: trade.price, rounding: .halfEven)
        case .fundTakeover, .vaultTakeover, .deleveraging:
            trade.quantity.value(at: trade.price, rounding: trade.takerSide == .sell ? .up : .down)
        }
    }

    private func addIncome(
        _ kind: IncomeEntry.Kind, _ amount: Money, account: AccountID, symbol: String, tradeId: UInt64? = nil,
        into history: inout VenueHistory
    ) {
        history.income.append(
            IncomeEntry(
                transactionId: history.nextTransactionId, kind: kind, symbol: symbol, amount: amount, tradeId: tradeId,
                time: time),
            for: account)
        history.nextTransactionId += 1
        history.accountUpdateTimes[account] = time
    }

    private func touch(_ account: AccountID, _ symbol: String, in history: inout VenueHistory) {
        history.positionUpdateTimes[PositionKey(account: account, symbol: symbol)] = time
        history.accountUpdateTimes[account] = time
    }
}
