import BackstopCore
import BackstopEngine

/// `ACCOUNT_UPDATE` on each trader's user data stream whose balance or positions the command
/// changed, with the balance and the changed positions right after the command, and
/// `ACCOUNT_CONFIG_UPDATE` for leverage changes.
///
/// One `ACCOUNT_UPDATE` per account and command, with the reason of its first change: `DEPOSIT`,
/// `WITHDRAW`, `ORDER` (fills, liquidations and deleveraging closes), `FUNDING_FEE`,
/// `MARGIN_TRANSFER` (isolated margin), `MARGIN_TYPE_CHANGE`, `INSURANCE_CLEAR` (bad debt the fund
/// covered) or `ADJUSTMENT` (a socialized loss). `bc` is the change that is neither profit nor fee:
/// deposits, withdrawals and funding.
enum AccountUpdateMessages {
    /// What one command changed for one account.
    struct Change {
        var account: AccountID
        var reason: String
        var balanceChange: Money = .zero
        /// Markets whose position is reported, in the order first changed.
        var symbols: [String] = []
    }

    /// The messages of the command's balance, position and leverage changes.
    static func render(events: [Event], engine: Engine, feed: MarketFeed, time: Timestamp) -> [StreamMessage] {
        var messages: [StreamMessage] = []
        for case .leverageSet(let change) in events where engine.account(change.account)?.role == .trader {
            var settings = JSONObjectWriter()
            settings.field("s", change.symbol)
            settings.field("l", change.leverage)
            var json = JSONObjectWriter()
            json.field("e", "ACCOUNT_CONFIG_UPDATE")
            json.field("E", time)
            json.field("T", time)
            json.raw("ac", settings.json)
            messages.append(StreamMessage(audience: .account(change.account), payload: json.json))
        }
        for change in changes(events, engine: engine) {
            guard let account = engine.account(change.account), account.role == .trader else { continue }
            messages.append(StreamMessage(
                audience: .account(change.account),
                payload: payload(change, account: account, engine: engine, feed: feed, time: time)))
        }
        return messages
    }

    /// Each account's change, accounts in the order first changed.
    static func changes(_ events: [Event], engine: Engine) -> [Change] {
        var changes: [Change] = []
        func note(_ account: AccountID, _ reason: String, symbol: String? = nil, balance: Money = .zero) {
            let index = changes.firstIndex { $0.account == account } ?? {
                changes.append(Change(account: account, reason: reason))
                return changes.count - 1
            }()
            changes[index].balanceChange += balance
            if let symbol, !changes[index].symbols.contains(symbol) { changes[index].symbols.append(symbol) }
        }
        for event in events {
            switch event {
            case .deposited(let moved):
                note(moved.account, "DEPOSIT", balance: moved.amount)
            case .withdrawn(let moved):
                note(moved.account, "WITHDRAW", balance: -moved.amount)
            case .trade(let trade):
                note(trade.takerAccount, "ORDER", symbol: trade.symbol)
                note(trade.makerAccount, "ORDER", symbol: trade.symbol)
            case .fundingPaid(let paid):
                note(paid.account, "FUNDING_FEE", symbol: isIsolated(paid.account, paid.symbol, engine) ? paid.symbol : nil,
                     balance: paid.amount)
            case .isolatedMarginAdjusted(let adjusted):
                note(adjusted.account, "MARGIN_TRANSFER", symbol: adjusted.symbol)
            case .marginModeSet(let set):
                note(set.account, "MARGIN_TYPE_CHANGE", symbol: set.symbol)
            case .badDebt(let debt) where debt.coveredByFund.isPositive:
                note(debt.account, "INSURANCE_CLEAR", symbol: debt.symbol)
            case .deleveraged(let round):
                for counterparty in round.counterparties where counterparty.closed.isZero && counterparty.haircut.isPositive {
                    note(counterparty.account, "ADJUSTMENT", symbol: round.request.symbol)
                }
            case .vaultTakeover(let takeover):
                note(takeover.account, "ORDER")
                note(takeover.vault, "ORDER")
            default:
                break
            }
        }
        return changes
    }

    private static func isIsolated(_ account: AccountID, _ symbol: String, _ engine: Engine) -> Bool {
        guard let market = engine.market(symbol) else { return false }
        return engine.account(account)?.position(market: market.index)?.marginMode == .isolated
    }

    /// One `ACCOUNT_UPDATE`: `wb` the wallet balance with isolated wallets, `cw` the cross wallet.
    static func payload(_ change: Change, account: Account, engine: Engine, feed: MarketFeed, time: Timestamp) -> String {
        let isolated = account.positions.reduce(Money.zero) { $0 + $1.isolatedWallet }
        let asset = change.symbols.first.flatMap { engine.market($0)?.spec.quoteAsset } ?? settlementAsset(engine)
        var balance = JSONObjectWriter()
        balance.field("a", asset)
        balance.field("wb", (account.walletBalance + isolated).description)
        balance.field("cw", account.walletBalance.description)
        balance.field("bc", change.balanceChange.description)
        let positions = change.symbols.compactMap { symbol -> String? in
            guard let market = engine.market(symbol) else { return nil }
            let position = account.position(market: market.index)
            let quantity = position?.quantity ?? .zero
            let entry = position?.entryPrice.map(\.description) ?? "0"
            var json = JSONObjectWriter()
            json.field("s", symbol)
            json.field("pa", quantity.isZero ? "0" : BinanceFormat.quantity(quantity, market.spec))
            json.field("ep", entry)
            json.field("bep", entry)
            json.field("cr", (feed.realizedPnL[MarketFeed.PositionKey(account: account.id, symbol: symbol)] ?? .zero).description)
            json.field("up", (position.map { engine.unrealizedPnL(of: $0) } ?? .zero).description)
            json.field("mt", BinanceNames.marginType(position?.marginMode ?? .cross))
            json.field("iw", (position?.isolatedWallet ?? .zero).description)
            json.field("ps", "BOTH")
            json.field("ma", market.spec.quoteAsset)
            return json.json
        }
        var body = JSONObjectWriter()
        body.field("m", change.reason)
        body.raw("B", JSONText.array([balance.json]))
        body.raw("P", JSONText.array(positions))
        var json = JSONObjectWriter()
        json.field("e", "ACCOUNT_UPDATE")
        json.field("E", time)
        json.field("T", time)
        json.raw("a", body.json)
        return json.json
    }

    /// The venue's settlement asset: its first market's quote asset.
    static func settlementAsset(_ engine: Engine) -> String { engine.markets.first?.spec.quoteAsset ?? "USDT" }
}
