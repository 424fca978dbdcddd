import BackstopCore

/// Why an insurance fund would not take a position over.
public enum FundRefusalReason: String, Hashable, Sendable, Codable {
    /// The market has no fund.
    case noFund
    /// The takeover would leave the fund's equity below its minimum.
    case belowMinimumBalance
    /// The fund's net position would exceed its share of the fund's equity.
    case positionLimit
    /// The fund's loss over the window exceeds its limit (or it is suspended after having exceeded it).
    case lossLimit
    /// The fund is further below its window's peak than its limit allows.
    case drawdownLimit
}

extension Engine {
    /// Creates an insurance fund pool and the account that holds it.
    mutating func createInsuranceFund(_ spec: InsuranceFundSpec, into events: inout [Event]) throws(Rejection) {
        let valid: InsuranceFundSpec
        do {
            valid = try spec.validated()
        } catch {
            throw Rejection(.invalidMarketSpec, error.description)
        }
        guard poolIndexByName[valid.name] == nil else {
            throw Rejection(.marketExists, "insurance fund '\(valid.name)' exists already")
        }
        let accountID = AccountID(valid.account)
        guard accountIndexByID[accountID] == nil else {
            throw Rejection(.invalidAmount, "account \(accountID) exists already and cannot hold a fund")
        }
        let accountIndex = accounts.count
        accounts.append(Account(id: accountID, role: .insuranceFund))
        accountIndexByID.insert(accountID, index: accountIndex)
        poolIndexByName[valid.name] = insurancePools.count
        insurancePools.append(InsurancePool(spec: valid, accountIndex: accountIndex))
        events.append(.insuranceFundCreated(InsuranceFundCreated(name: valid.name, account: accountID)))
    }

    /// The pool standing behind a market, if it names one.
    func poolIndex(market: Int) -> Int? {
        markets[market].spec.liquidation.insuranceFund.flatMap { poolIndexByName[$0] }
    }

    /// The pool whose account this is, if any.
    func poolIndex(account: Int) -> Int? {
        guard accounts[account].role == .insuranceFund else { return nil }
        return insurancePools.firstIndex { $0.accountIndex == account }
    }

    /// The pool with this name.
    public func insurancePool(_ name: String) -> InsurancePool? {
        poolIndexByName[name].map { insurancePools[$0] }
    }

    /// A pool's ledger lines between two times (both included), oldest first; `nil` for an unknown pool.
    public func insuranceFundHistory(_ name: String, from start: Timestamp = .min, through end: Timestamp = .max)
        -> [InsuranceFundEntry]?
    {
        insurancePool(name)?.ledger.filter { $0.time >= start && $0.time <= end }
    }

    /// A pool's equity: its balance plus its positions at mark.
    public func fundEquity(_ pool: InsurancePool) -> Money {
        crossEquity(of: accounts[pool.accountIndex])
    }

    /// Writes a ledger line for a change to a pool's balance that has already been applied.
    mutating func recordFundChange(
        pool: Int, _ kind: InsuranceFundEntryKind, amount: Money, symbol: String? = nil, account: AccountID? = nil,
        into events: inout [Event]
    ) {
        let fundAccount = accounts[insurancePools[pool].accountIndex]
        let equity = crossEquity(of: fundAccount)
        let entry = InsuranceFundEntry(
            pool: insurancePools[pool].name, time: time, kind: kind, amount: amount, symbol: symbol,
            account: account, balance: fundAccount.cash, equity: equity)
        insurancePools[pool].ledger.append(entry)
        insurancePools[pool].recordEquity(equity, at: time)
        events.append(.insuranceFundChanged(entry))
    }

    /// Whether a pool refuses to take over `quantity` on `fundSide` at `price`, and why.
    ///
    /// The fund is judged as it would stand after the takeover: its equity less the loss the position
    /// shows at once against the mark. Tripping the loss limit suspends the fund for the loss window.
    mutating func fundRefusal(
        pool: Int, market: Int, fundSide: Side, quantity: Quantity, price: Price
    ) -> FundRefusal? {
        let spec = insurancePools[pool].spec
        let mark = valuationPrice(market: market)
        let equity = fundEquity(insurancePools[pool])
        let signed = fundSide == .buy ? quantity : -quantity
        let after = equity + signed.value(at: mark, rounding: .down) - signed.value(at: price, rounding: .up)
        func refusal(_ reason: FundRefusalReason, _ detail: String) -> FundRefusal {
            FundRefusal(reason: reason, fundEquity: equity, equityAfter: after, detail: detail)
        }
        guard after >= spec.minimumBalance else {
            return refusal(.belowMinimumBalance, "equity after takeover \(after) is below the minimum \(spec.minimumBalance)")
        }
        if let share = spec.maxPositionShare {
            let current = accounts[insurancePools[pool].accountIndex].position(market: market)?.quantity ?? .zero
            let next = current + signed
            let limit = after.times(share, rounding: .down)
            let notional = MarginMath.notional(next, at: mark)
            if next.magnitude > current.magnitude, notional > limit {
                return refusal(.positionLimit, "net position notional \(notional) would exceed \(share) of equity (\(limit))")
            }
        }
        if let limit = spec.lossLimit {
            if let until = insurancePools[pool].suspendedUntil, until > time {
                return refusal(.lossLimit, "suspended until \(until) after exceeding its loss limit")
            }
            if let start = insurancePools[pool].equity(atStartOfWindow: spec.lossWindowMilliseconds, now: time),
               Self.exceeds(start - after, share: limit, of: start)
            {
                insurancePools[pool].suspendedUntil = time + spec.lossWindowMilliseconds
                return refusal(.lossLimit, "loss \(start - after) over the window exceeds \(limit) of \(start)")
            }
        }
        if let limit = spec.drawdownLimit,
           let peak = insurancePools[pool].peakEquity(within: spec.drawdownWindowMilliseconds, now: time).map({ max($0, equity) }),
           Self.exceeds(peak - after, share: limit, of: peak)
        {
            return refusal(.drawdownLimit, "drawdown \(peak - after) from the peak \(peak) exceeds \(limit)")
        }
        return nil
    }

    /// True when `amount > share × base`, computed exactly; a non-positive base is exceeded by any
    /// positive amount.
    static func exceeds(_ amount: Money, share: Rate, of base: Money) -> Bool {
        guard amount.isPositive else { return false }
        guard base.isPositive else { return true }
        return Int128(amount.raw) * Int128(Rate.scale) > Int128(share.raw) * Int128(base.raw)
    }
}

/// A fund's refusal with the figures behind it.
public struct FundRefusal: Hashable, Sendable, Codable {
    public var reason: FundRefusalReason
    /// The fund's equity before the takeover.
    public var fundEquity: Money
    /// What its equity would have been after it.
    public var equityAfter: Money
    /// The rule's figures in words.
    public var detail: String
}
