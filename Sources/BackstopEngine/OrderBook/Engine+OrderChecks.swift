import BackstopCore

/// An order's terms after validation, in the form matching needs.
struct ValidatedOrder {
    var market: Int
    var account: Int
    var side: Side
    var limit: Price
    var quantity: Quantity
    var timeInForce: TimeInForce
    var reduceOnly: Bool
    var selfTradePrevention: SelfTradePrevention
    /// What its fills are: ordinary matches, or liquidation fills that pay no taker fee.
    var kind: TradeKind = .match

    /// True when the unfilled rest would stay in the book.
    var rests: Bool { timeInForce == .gtc || timeInForce == .postOnly }
}

extension Engine {
    /// The longest client order id accepted (Binance's limit).
    static let maxClientOrderIdLength = 36

    /// Checks a quantity against the market's lot grid and maximum.
    ///
    /// The checks read the spec's fields in place: a copy of the whole spec would retain its arrays
    /// and strings on every order.
    func checkQuantity(_ quantity: Quantity, market: Int) throws(Rejection) {
        let lotSize = markets[market].spec.lotSize
        let maxOrderQuantity = markets[market].spec.maxOrderQuantity
        guard quantity.isPositive, quantity.isMultiple(of: lotSize), quantity <= maxOrderQuantity else {
            throw Rejection(.invalidQuantity,
                "quantity \(quantity) must be a positive multiple of \(lotSize) up to \(maxOrderQuantity)")
        }
    }

    /// Checks a limit price against the tick grid, the maximum and the band around the mark.
    func checkLimitPrice(_ price: Price, market: Int, mark: Price) throws(Rejection) {
        let tickSize = markets[market].spec.tickSize
        let maxPrice = markets[market].spec.maxPrice
        guard price.isPositive, price.isMultiple(of: tickSize), price <= maxPrice else {
            throw Rejection(.invalidPrice,
                "price \(price) must be a positive multiple of \(tickSize) up to \(maxPrice)")
        }
        let priceBand = markets[market].spec.priceBand
        let lower = mark.times(Rate.one - priceBand, rounding: .up)
        let upper = mark.times(Rate.one + priceBand, rounding: .down)
        guard price >= lower, price <= upper else {
            throw Rejection(.priceOutOfBand, "price \(price) is outside \(lower)...\(upper) around the mark \(mark)")
        }
    }

    /// The protective limit of a market order: the edge of the price band, on the tick grid.
    func marketOrderLimit(side: Side, market: Int, mark: Price) -> Price {
        let spec = markets[market].spec
        return switch side {
        case .buy:
            min(mark.times(Rate.one + spec.priceBand, rounding: .down).rounded(toMultipleOf: spec.tickSize, .down),
                spec.maxPrice)
        case .sell:
            max(mark.times(Rate.one - spec.priceBand, rounding: .up).rounded(toMultipleOf: spec.tickSize, .up),
                spec.tickSize)
        }
    }

    /// What the book would give an order now, simulating reduce-only limits and self-trade stops
    /// exactly as matching applies them.
    func sweep(_ order: ValidatedOrder) -> (quantity: Quantity, value: Money) {
        var wanted = order.quantity
        if order.reduceOnly {
            wanted = min(wanted, reducible(account: order.account, market: order.market, by: order.side))
        }
        var taken = Quantity.zero
        var value = Money.zero
        // What each reduce-only maker has given so far; few makers are met, so a list beats a table.
        var usedByMaker: [(account: Int, used: Quantity)] = []
        let makerSide = order.side.opposite
        // Levels are read one at a time in place: iterating the side's array would retain it.
        var rank = 0
        while let level = markets[order.market].book.level(makerSide, rank: rank) {
            rank += 1
            if order.side == .buy ? level.price > order.limit : level.price < order.limit { break }
            var slot = level.head
            while slot >= 0, taken < wanted {
                let maker = markets[order.market].book.order(atSlot: slot)
                slot = maker.next
                if maker.accountIndex == order.account, order.selfTradePrevention != .none {
                    if order.selfTradePrevention == .expireMaker { continue }
                    return (taken, value)
                }
                var fill = min(wanted - taken, maker.remaining)
                let entry = usedByMaker.firstIndex { $0.account == maker.accountIndex }
                let used = entry.map { usedByMaker[$0].used } ?? .zero
                if maker.reduceOnly {
                    let reducible = reducible(account: maker.accountIndex, market: order.market, by: makerSide)
                    fill = min(fill, max(.zero, reducible - used))
                    if fill.isZero { continue }
                }
                if let entry {
                    usedByMaker[entry].used += fill
                } else {
                    usedByMaker.append((maker.accountIndex, fill))
                }
                taken += fill
                value += fill.value(at: maker.price, rounding: .halfEven)
            }
            if taken == wanted { break }
        }
        return (taken, value)
    }

    /// Checks that the account can margin an order and that the position it could reach is allowed.
    ///
    /// The order counts as if it rested in full (the part that would fill at once at the value the
    /// book gives it, the rest at its limit); only the increase in reserved margin, plus the taker
    /// fee of the immediate part, has to be available.
    ///
    /// An amendment passes the order it `replaces`, whose reservation is released first.
    func checkMargin(
        _ order: ValidatedOrder, immediate: (quantity: Quantity, value: Money), replaces old: RestingOrder? = nil
    ) throws(Rejection) {
        guard !order.reduceOnly else { return }
        let before = exposure(account: order.account, market: order.market)
        var after = before
        if let old {
            after.changeReservation(old.side, from: old.remaining, to: .zero, at: old.price)
        }
        let resting = order.rests ? order.quantity - immediate.quantity : .zero
        let restingValue = resting.value(at: order.limit, rounding: .up)
        let totals = order.side == .buy ? after.buyOrders : after.sellOrders
        guard let quantity = totals.quantity.addingReportingOverflow(immediate.quantity + resting),
              let value = totals.value.addingReportingOverflow(immediate.value + restingValue),
              value <= Engine.maxReachNotional,
              (after.quantity.magnitude + quantity).valueIfRepresentable(at: valuationPrice(market: order.market), rounding: .up)
                .map({ $0 <= Engine.maxReachNotional }) ?? false
        else {
            throw Rejection(.exceedsPositionLimit, "the orders and position would exceed the largest notional the venue carries")
        }
        if order.side == .buy {
            after.buyOrders.quantity = quantity
            after.buyOrders.value = value
        } else {
            after.sellOrders.quantity = quantity
            after.sellOrders.value = value
        }
        try checkPositionLimit(after)
        try checkCashRange(account: order.account, orders: after)
        let increase = after.orderMargin - before.orderMargin
        guard increase.isPositive else { return }
        let fee = immediate.value.times(markets[order.market].spec.takerFeeRate, rounding: .up)
        let available = availableBalance(of: accounts[order.account])
        guard increase + fee <= available else {
            throw Rejection(.insufficientMargin, "order needs \(increase + fee) margin; \(available) available")
        }
    }

    /// Checks that the largest position the account's orders could reach (every buy or every sell
    /// filled) is allowed at the position's leverage by its tier (Binance -2027).
    /// A fill moves cash by its whole value (a sell adds it, a buy takes it and a fee), so an account
    /// short or long near the largest notional in several markets, or with a large balance, could
    /// take its cash past `Money`'s range. The cash with every open order of every market filled,
    /// `orders` standing for the order's own market, must stay in range.
    func checkCashRange(account: Int, orders: PositionExposure) throws(Rejection) {
        var credits = Int128(orders.sellOrders.value.raw)
        var debits = Int128(orders.buyOrders.value.raw)
        for position in accounts[account].positions where position.market != orders.market {
            credits += Int128(position.sellOrders.value.raw)
            debits += Int128(position.buyOrders.value.raw)
        }
        let cash = Int128(accounts[account].cash.raw)
        // Fees are under 10% of a fill's value (MarketSpec's rule).
        guard cash + credits <= Int128(Int64.max), cash - debits - debits / 10 >= -Int128(Int64.max) else {
            throw Rejection(.exceedsPositionLimit, "the balance with the account's orders filled would exceed the largest amount the venue carries")
        }
    }

    func checkPositionLimit(_ position: PositionExposure) throws(Rejection) {
        let reach = position.reach
        let notional = MarginMath.notional(reach, at: valuationPrice(market: position.market))
        let tier = markets[position.market].spec.riskTiers.tier(forNotional: notional)
        guard tier.maxLeverage >= position.leverage else {
            throw Rejection(.exceedsPositionLimit,
                "a position of \(reach) allows at most \(tier.maxLeverage)x; leverage is \(position.leverage)x")
        }
    }

    /// Checks that a resting reduce-only order fits in what the position still has to reduce once the
    /// account's other resting reduce-only orders on that side are counted, so that the book never
    /// shows reduce-only size that cannot trade. `replacing` is an order being amended.
    func checkReduceOnlyFits(
        account: Int, market: Int, side: Side, quantity: Quantity, replacing old: RestingOrder? = nil
    ) throws(Rejection) {
        let position = positionOrDefault(account: account, market: market)
        let book = markets[market].book
        var committed = Quantity.zero
        for id in position.openOrders where id != old?.id {
            if let order = book.order(id), order.side == side, order.reduceOnly {
                committed += order.remaining
            }
        }
        let free = position.reducible(by: side) - committed
        guard quantity <= free else {
            throw Rejection(.reduceOnlyExceedsPosition,
                "reduce-only \(quantity) exceeds the \(max(free, .zero)) left to reduce after other reduce-only orders")
        }
    }
}
