import BackstopCore
import BackstopEngine

extension MarketFeed {
    /// A new trader order: it is reported as `NEW`, and rests if it is still open at the end.
    mutating func accept(_ accepted: OrderAccepted, in pass: inout Pass) {
        let order = OrderFacts(
            orderId: accepted.orderId, account: accepted.account, symbol: accepted.symbol, side: accepted.side,
            kind: accepted.orderType == .limit ? .limit : .market, timeInForce: accepted.timeInForce,
            price: accepted.price, quantity: accepted.quantity, reduceOnly: accepted.reduceOnly,
            clientOrderId: accepted.clientOrderId ?? "", selfTradePrevention: pass.selfTradePrevention)
        openOrders[accepted.orderId] = order
        pass.placed.append(accepted.orderId)
        latestOrderUpdates.append(OrderUpdate(order: order, execution: .new, status: .new))
    }

    /// A trade: a public one for book matches, and a fill or forced close for each trader side.
    mutating func record(_ trade: Trade, in pass: inout Pass) {
        if trade.kind == .match || trade.kind == .liquidation {
            let printed = PublicTrade(
                tradeId: trade.tradeId, time: pass.time, price: trade.price, quantity: trade.quantity,
                takerSide: trade.takerSide, takerOrderId: trade.takerOrderId)
            recentTrades[trade.symbol, default: RecentTrades()].append(printed)
            tradeWindows[trade.symbol, default: TradeWindow()].add(printed)
            pass.levelChanged(trade.symbol, trade.takerSide.opposite, trade.price)
        }
        realizedPnL[PositionKey(account: trade.takerAccount, symbol: trade.symbol), default: .zero] += trade.takerRealizedPnL
        realizedPnL[PositionKey(account: trade.makerAccount, symbol: trade.symbol), default: .zero] += trade.makerRealizedPnL

        let takerFill = OrderUpdate.Fill(
            tradeId: trade.tradeId, price: trade.price, quantity: trade.quantity, fee: trade.takerFee,
            realizedPnL: trade.takerRealizedPnL, maker: false)
        if var order = openOrders[trade.takerOrderId] {
            fill(&order, takerFill)
            openOrders[trade.takerOrderId] = order
        } else if var order = pass.liquidationOrder, order.orderId == trade.takerOrderId {
            fill(&order, takerFill)
            pass.liquidationOrder = order
        } else if trade.kind != .match && trade.kind != .liquidation {
            forcedClose(
                trade, account: trade.takerAccount, side: trade.takerSide, orderId: trade.takerOrderId, fill: takerFill,
                clientOrderId: Self.autocloseId(time: pass.time, order: trade.takerOrderId), kind: .liquidation)
        }

        let makerFill = OrderUpdate.Fill(
            tradeId: trade.tradeId, price: trade.price, quantity: trade.quantity, fee: trade.makerFee,
            realizedPnL: trade.makerRealizedPnL, maker: true)
        if var order = openOrders[trade.makerOrderId] {
            fill(&order, makerFill)
            openOrders[trade.makerOrderId] = order
        } else if trade.kind == .deleveraging {
            forcedClose(
                trade, account: trade.makerAccount, side: trade.takerSide.opposite, orderId: trade.makerOrderId,
                fill: makerFill, clientOrderId: "adl_autoclose", kind: .liquidation)
        } else if trade.kind == .vaultTakeover {
            forcedClose(
                trade, account: trade.makerAccount, side: trade.takerSide.opposite, orderId: trade.makerOrderId,
                fill: makerFill, clientOrderId: "backstop_takeover", kind: .market)
        }
    }

    /// An order left the book or the engine: a cancellation or expiry is reported; a fill was
    /// reported with its last trade.
    mutating func close(_ closed: OrderClosed, in pass: inout Pass) {
        guard let order = openOrders.removeValue(forKey: closed.orderId) else { return }
        if order.resting { pass.levelChanged(order.symbol, order.side, order.price) }
        let execution: OrderUpdate.Execution
        let status: OrderUpdate.Status
        switch closed.reason {
        case .filled:
            return
        case .canceled, .liquidation, .deleveraging:
            (execution, status) = (.canceled, .canceled)
        case .immediateOrCancel, .fillOrKill, .reduceOnly:
            (execution, status) = (.expired, .expired)
        case .selfTradePrevention:
            (execution, status) = (.expired, .expiredInMatch)
        }
        latestOrderUpdates.append(OrderUpdate(order: order, execution: execution, status: status))
    }

    /// A resting order's new price or quantity. One that lost its priority left the book and is
    /// placed again.
    mutating func amend(_ amended: OrderAmended, in pass: inout Pass) {
        guard var order = openOrders[amended.orderId] else { return }
        if order.resting { pass.levelChanged(order.symbol, order.side, order.price) }
        order.price = amended.price
        order.quantity = amended.quantity
        if amended.keptPriority {
            pass.levelChanged(order.symbol, order.side, order.price)
        } else {
            order.resting = false
            pass.placed.append(order.orderId)
        }
        openOrders[amended.orderId] = order
        latestOrderUpdates.append(OrderUpdate(
            order: order, execution: .amendment, status: order.filled.isZero ? .new : .partiallyFilled))
    }

    /// Reports the unfilled rest of the liquidation order being read as expired.
    mutating func finishLiquidationOrder(in pass: inout Pass) {
        guard let order = pass.liquidationOrder else { return }
        pass.liquidationOrder = nil
        if order.filled.isPositive, order.filled < order.quantity {
            latestOrderUpdates.append(OrderUpdate(order: order, execution: .expired, status: .expired))
        }
    }

    private mutating func fill(_ order: inout OrderFacts, _ fill: OrderUpdate.Fill) {
        order.filled += fill.quantity
        order.filledValue += fill.quantity.value(at: fill.price, rounding: .halfEven)
        latestOrderUpdates.append(OrderUpdate(
            order: order, execution: .trade, status: order.filled >= order.quantity ? .filled : .partiallyFilled,
            fill: fill))
    }

    /// A position closed off the book, reported as a filled order of its own (`CALCULATED`).
    private mutating func forcedClose(
        _ trade: Trade, account: AccountID, side: Side, orderId: OrderID, fill: OrderUpdate.Fill, clientOrderId: String,
        kind: OrderFacts.Kind
    ) {
        var order = OrderFacts(
            orderId: orderId, account: account, symbol: trade.symbol, side: side, kind: kind, timeInForce: .ioc,
            price: trade.price, quantity: trade.quantity, reduceOnly: true, clientOrderId: clientOrderId,
            selfTradePrevention: .none)
        order.filled = trade.quantity
        order.filledValue = trade.quantity.value(at: trade.price, rounding: .halfEven)
        latestOrderUpdates.append(OrderUpdate(order: order, execution: .calculated, status: .filled, fill: fill))
    }
}
