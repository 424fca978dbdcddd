import BackstopCore

/// A broken invariant, found by ``Engine/invariantViolations()``.
public struct InvariantViolation: Hashable, Sendable, CustomStringConvertible {
    /// Which invariant.
    public var name: String
    /// What was found.
    public var detail: String

    public var description: String { "\(name): \(detail)" }
}

extension Engine {
    /// Checks the engine's invariants and returns every violation (none when all hold):
    ///
    /// - conservation: cross balances + isolated balances + fee balance = deposits − withdrawals,
    ///   exactly (insurance funds are accounts, so their balances are among the cross balances);
    /// - open interest: in every market the long sizes add up to the short sizes;
    /// - reservations: each position's order totals equal the sum over its resting orders, and its
    ///   list of open orders matches the book;
    /// - no account left liquidatable: no trader's cross scope or isolated position stays below
    ///   maintenance margin after a command unless it waits for deleveraging;
    /// - no silent bad debt: negative equity with positions open only while they wait for
    ///   deleveraging, and negative balances with nothing open never beyond the reported shortfall.
    ///
    /// - Parameter includeReservations: also cross-check every position's reservations against the
    ///   books, which walks every resting order (the other checks walk every position).
    public func invariantViolations(includeReservations: Bool = true) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        var held = Int128(feeBalance.raw)
        var netSize = [Int128](repeating: 0, count: markets.count)
        for account in accounts {
            held += Int128(account.cash.raw)
            for position in account.positions {
                held += Int128(position.isolatedCash.raw)
                netSize[position.market] += Int128(position.quantity.raw)
            }
        }
        let expected = Int128(totalDeposits.raw) - Int128(totalWithdrawals.raw)
        if held != expected {
            violations.append(InvariantViolation(
                name: "conservation", detail: "balances hold \(held) raw units, deposits − withdrawals are \(expected)"))
        }
        for market in markets where netSize[market.index] != 0 {
            violations.append(InvariantViolation(
                name: "openInterest", detail: "\(market.symbol): longs − shorts = \(netSize[market.index]) raw units"))
        }
        violations += riskViolations()
        if includeReservations {
            violations += reservationViolations()
        }
        return violations
    }

    private func reservationViolations() -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        var expected: [[Position]] = accounts.map { account in
            account.positions.map { position in
                var empty = position
                empty.buyOrders = OrderTotals()
                empty.sellOrders = OrderTotals()
                empty.openOrders = []
                return empty
            }
        }
        for market in markets {
            for side in [Side.buy, .sell] {
                for order in market.book.orders(side) {
                    guard let slot = accounts[order.accountIndex].positionIndex(market: market.index) else {
                        violations.append(InvariantViolation(
                            name: "reservations", detail: "order \(order.id) has no position slot"))
                        continue
                    }
                    expected[order.accountIndex][slot].openOrders.append(order.id)
                    if !order.reduceOnly {
                        expected[order.accountIndex][slot].changeReservation(
                            order.side, from: .zero, to: order.remaining, at: order.price)
                    }
                }
            }
        }
        for (accountIndex, account) in accounts.enumerated() {
            for (slot, position) in account.positions.enumerated() {
                let want = expected[accountIndex][slot]
                if want.buyOrders != position.buyOrders || want.sellOrders != position.sellOrders
                    || want.openOrders.sorted() != position.openOrders.sorted()
                {
                    violations.append(InvariantViolation(
                        name: "reservations",
                        detail: "account \(account.id) in \(markets[position.market].symbol) disagrees with the book"))
                }
            }
        }
        return violations
    }

    private func riskViolations() -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for account in accounts where account.role == .trader {
            if isCrossLiquidatable(account) {
                violations.append(InvariantViolation(
                    name: "liquidation", detail: "account \(account.id) is below maintenance margin and was left alone"))
            }
            let crossPositions = account.positions.filter { $0.marginMode == .cross && !$0.quantity.isZero }
            if !crossPositions.isEmpty, crossEquity(of: account).isNegative,
               !crossPositions.contains(where: \.awaitingDeleveraging)
            {
                violations.append(InvariantViolation(
                    name: "badDebt", detail: "account \(account.id) has negative cross equity and no deleveraging request"))
            }
            let crossDebt = crossPositions.isEmpty ? max(.zero, -account.cash) : .zero
            if crossDebt > account.reportedShortfall {
                violations.append(InvariantViolation(
                    name: "badDebt",
                    detail: "account \(account.id) owes \(crossDebt) with only \(account.reportedShortfall) reported"))
            }
            for position in account.positions where position.marginMode == .isolated {
                if isIsolatedLiquidatable(position) {
                    violations.append(InvariantViolation(
                        name: "liquidation",
                        detail: "account \(account.id) isolated in \(markets[position.market].symbol) was left alone"))
                }
                if !position.quantity.isZero, isolatedEquity(of: position).isNegative, !position.awaitingDeleveraging {
                    violations.append(InvariantViolation(
                        name: "badDebt",
                        detail: "account \(account.id) isolated in \(markets[position.market].symbol) is negative"))
                }
                if position.quantity.isZero, -position.isolatedCash > position.reportedShortfall {
                    violations.append(InvariantViolation(
                        name: "badDebt",
                        detail: "account \(account.id) isolated in \(markets[position.market].symbol) owes "
                            + "\(-position.isolatedCash) with only \(position.reportedShortfall) reported"))
                }
            }
        }
        return violations
    }
}
