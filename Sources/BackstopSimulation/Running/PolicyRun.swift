import BackstopCore
import BackstopEngine
import Foundation

/// Runs a scenario's command stream through the engine under one policy and measures what happened.
struct PolicyRun {
    let scenario: Scenario
    let stream: CommandStream
    let policy: DeleveragingPolicyName

    private struct Tally {
        var liquidations = 0
        var liquidatedNotional = Money.zero
        var rounds = 0
        var deleveragedNotional = Money.zero
        var haircut = Money.zero
        var shortfall = Money.zero
        var uncovered = Money.zero
        var accounts: [AccountID: AccountOutcome] = [:]
        var winners = Set<AccountID>()
    }

    /// Runs and reports progress (0 to 1) now and then.
    func run(progress: (Double) -> Void) -> PolicyOutcome {
        let clock = ContinuousClock.now
        var engine = Engine()
        var tally = Tally()
        var fundSeries: [Money] = []
        var adlSeries: [Money] = []
        var fundStart: Money?
        var fundMinimum = Money(raw: .max)
        var nextStep = 0
        let commands = stream.commands
        for (position, command) in commands.enumerated() {
            for event in engine.apply(command) {
                record(event, engine: engine, tally: &tally)
            }
            let stepDone = position + 1 == commands.count || commands[position + 1].time > command.time
            if position + 1 == stream.openingCount || (stepDone && position >= stream.openingCount) {
                let equity = engine.insurancePool(CommandStream.fundName).map { engine.fundEquity($0) } ?? .zero
                fundStart = fundStart ?? equity
                fundMinimum = min(fundMinimum, equity)
                while nextStep < stream.stepTimes.count, stream.stepTimes[nextStep] <= command.time, position >= stream.openingCount {
                    fundSeries.append(equity)
                    adlSeries.append(tally.deleveragedNotional)
                    nextStep += 1
                    if nextStep % 50 == 0 { progress(Double(nextStep) / Double(stream.stepTimes.count)) }
                }
            }
        }
        progress(1)
        let accounts = tally.accounts.values.sorted {
            $0.haircut != $1.haircut ? $0.haircut > $1.haircut : $0.account < $1.account
        }
        let fractions = tally.winners.sorted().map { winner -> Double in
            guard let fraction = tally.accounts[winner]?.haircutFraction, fraction.isPositive else { return 0 }
            return Double(fraction.raw) / Double(Rate.scale)
        }
        let touched = tally.winners.filter { tally.accounts[$0] != nil }.count
        let fundEnd = engine.insurancePool(CommandStream.fundName).map { engine.fundEquity($0) } ?? .zero
        let reported = engine.accounts.reduce(Money.zero) { total, account in
            account.positions.reduce(total + account.reportedShortfall) { $0 + $1.reportedShortfall }
        }
        let metrics = PolicyMetrics(
            policy: policy, liquidations: tally.liquidations, liquidatedNotional: tally.liquidatedNotional,
            fundStart: fundStart ?? .zero, fundMinimum: min(fundMinimum, fundEnd), fundEnd: fundEnd,
            deleveragingRounds: tally.rounds, accountsDeleveraged: tally.accounts.count,
            deleveragedNotional: tally.deleveragedNotional, haircut: tally.haircut, shortfall: tally.shortfall,
            overshoot: max(.zero, tally.haircut - tally.shortfall), undershoot: max(.zero, tally.shortfall - tally.haircut),
            horizonCost: accounts.reduce(.zero) { $0 + $1.horizonCost },
            largestHaircutFraction: accounts.compactMap(\.haircutFraction).max() ?? .zero,
            haircutGini: Inequality.gini(fractions), winners: tally.winners.count, winnersTouched: touched,
            winnersTouchedShare: tally.winners.isEmpty ? 0 : Double(touched) / Double(tally.winners.count),
            uncoveredBadDebt: reported, stateHash: engine.stateHash,
            invariantsHeld: engine.invariantViolations().isEmpty)
        let elapsed = ContinuousClock.now - clock
        return PolicyOutcome(
            policy: policy, metrics: metrics, fundEquity: fundSeries, deleveragedNotional: adlSeries, accounts: accounts,
            winnerFractions: fractions,
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func record(_ event: Event, engine: Engine, tally: inout Tally) {
        switch event {
        case .liquidationStarted:
            tally.liquidations += 1
        case .liquidationStep(let step):
            tally.liquidatedNotional += step.quantity.value(at: step.markPrice, rounding: .halfEven)
        case .deleveraged(let round):
            recordRound(round, engine: engine, tally: &tally)
        default:
            break
        }
    }

    private func recordRound(_ round: DeleveragingRound, engine: Engine, tally: inout Tally) {
        tally.rounds += 1
        tally.shortfall += round.request.shortfall
        tally.haircut += round.totalHaircut
        let side = round.request.positionSide.opposite
        let marketIndex = scenario.markets.firstIndex { $0.spec.symbol == round.request.symbol } ?? 0
        let horizon = stream.horizonPrices[marketIndex]
        for candidate in engine.deleveragingCandidates(symbol: round.request.symbol, side: side)
        where candidate.unrealizedPnL(at: round.markPrice, side: side).isPositive {
            tally.winners.insert(candidate.account)
        }
        for counterparty in round.counterparties {
            if counterparty.profit.isPositive { tally.winners.insert(counterparty.account) }
            tally.deleveragedNotional += counterparty.closed.value(at: counterparty.price, rounding: .halfEven)
            let distance = side == .sell ? counterparty.price.raw - horizon.raw : horizon.raw - counterparty.price.raw
            let horizonCost = counterparty.closed.value(at: Price(raw: distance), rounding: .halfEven)
            var outcome = tally.accounts[counterparty.account] ?? AccountOutcome(
                account: counterparty.account, rounds: 0, closed: .zero, haircut: .zero, profit: max(.zero, counterparty.profit),
                haircutFraction: nil, horizonCost: .zero)
            outcome.rounds += 1
            outcome.closed += counterparty.closed
            outcome.haircut += counterparty.haircut
            outcome.horizonCost += horizonCost
            if let fraction = counterparty.haircutFraction {
                outcome.haircutFraction = max(outcome.haircutFraction ?? fraction, fraction)
            }
            tally.accounts[counterparty.account] = outcome
        }
    }
}
