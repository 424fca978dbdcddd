import BackstopCore
@testable import BackstopEngine
import Testing

/// The engine's candidates and ADL indicators, which read only a market's holders with their own
/// arithmetic and rank by packed keys, against the straightforward way: every account walked with the
/// engine's margin functions, every side sorted with the exact comparison. Random command streams
/// over two markets (cross and isolated accounts, some in both markets) under each queue policy and
/// pro-rata, compared every 25 commands.
@Suite struct IndicatorReferenceTests {
    /// Every position on `side` that may absorb a bankrupt one, walking every account, as the engine
    /// listed them before it kept holders.
    static func referenceCandidates(_ engine: Engine, market: Int, side: Side) -> [DeleveragingCandidate] {
        engine.accounts.compactMap { account -> DeleveragingCandidate? in
            guard let position = account.position(market: market), !position.awaitingDeleveraging,
                  side == .buy ? position.quantity.isPositive : position.quantity.isNegative
            else { return nil }
            let isolated = position.marginMode == .isolated
            return DeleveragingCandidate(
                account: account.id, size: position.quantity.magnitude, entryValue: position.cost.magnitude,
                equity: isolated ? engine.isolatedEquity(of: position) : engine.crossEquity(of: account),
                walletBalance: isolated ? position.isolatedWallet : account.walletBalance,
                maintenanceMargin: isolated ? engine.maintenanceMargin(of: position) : engine.crossMaintenanceMargin(of: account))
        }
    }

    /// The indicators of a market, ranking each side by a full exact sort, in account order.
    static func referenceIndicators(_ engine: Engine, market: Int) -> [DeleveragingIndicator] {
        let policy = engine.markets[market].spec.deleveraging.policy
        let mark = engine.markets[market].markPrice ?? .zero
        var result: [DeleveragingIndicator] = []
        for side in [Side.buy, .sell] {
            let candidates = referenceCandidates(engine, market: market, side: side)
            let scores = candidates.map { policy.policy.priority(of: $0, side: side, mark: mark) }
            let ascending = scores.indices.sorted {
                scores[$0] != scores[$1] ? scores[$0] < scores[$1] : candidates[$0].account > candidates[$1].account
            }
            var below = 0
            for (position, index) in ascending.enumerated() {
                if position > 0, scores[ascending[position - 1]] < scores[index] { below = position }
                let quantile = Engine.quantile(below: below, of: ascending.count, policy: policy)
                result.append(DeleveragingIndicator(
                    account: candidates[index].account, side: side, quantile: quantile, lights: quantile + 1,
                    score: scores[index], rank: ascending.count - position, of: ascending.count))
            }
        }
        return result.sorted { $0.account < $1.account }
    }

    static let policies: [DeleveragingPolicyName] = [.queueBitmex, .queueBinance, .queueHyperliquid, .queueWhitebit, .proRata]

    @Test("candidates and indicators equal walking every account and sorting exactly", arguments: policies)
    func matchesTheReference(_ policy: DeleveragingPolicyName) {
        let markets = [Markets.btcusdt, Markets.ethusdtNoFees].map { market in
            var market = market
            market.deleveraging = DeleveragingSpec(policy: policy)
            return market
        }
        // Accounts created out of order, so that account numbers do not follow account indices.
        let accounts = [5, 2, 8, 1, 7, 3, 6, 4].map { AccountID(UInt64($0)) }
        var stream = RandomCommandStream(seed: 0x1D1C_A700 + UInt64(Self.policies.firstIndex(of: policy)!), markets: markets, accounts: accounts)
        var engine = Engine()
        for command in stream.opening() { _ = engine.apply(command) }
        var compared = 0
        for step in 1...3_000 {
            let command = stream.next()
            stream.observe(engine.apply(command))
            guard step % 25 == 0 else { continue }
            for (market, spec) in markets.enumerated() {
                for side in [Side.buy, .sell] {
                    #expect(engine.deleveragingCandidates(symbol: spec.symbol, side: side)
                        == Self.referenceCandidates(engine, market: market, side: side), "step \(step), \(spec.symbol) \(side)")
                }
                let indicators = engine.deleveragingIndicators(spec.symbol)
                #expect(indicators == Self.referenceIndicators(engine, market: market), "step \(step), \(spec.symbol)")
                for indicator in indicators {
                    #expect(engine.deleveragingIndicator(account: indicator.account, symbol: spec.symbol) == indicator)
                }
                compared += indicators.count
            }
        }
        #expect(compared > 1_000, "the streams must hold positions to mean anything")
    }
}
