import BackstopCore
@testable import BackstopEngine
import Testing

/// Random crash paths through the real engine: every invariant after every command, and every
/// bankruptcy ends covered (book, fund, vault) or in a deleveraging request for its exact remainder.
@Suite struct LiquidationPropertyTests {
    struct Tally {
        var liquidations = 0
        var liquidationFills = 0
        var fundTakeovers = 0
        var refusals: Set<FundRefusalReason> = []
        var deleveragingRequests = 0
        var vaultTakeovers = 0
        var unwindFills = 0
        var violations: [String] = []
        var hash = ""
        /// Bad debt no fund could cover, summed over every balance at the end.
        var uncovered = Money.zero
    }

    static func run(seed: UInt64, steps: Int, policy: DeleveragingPolicyName = .queueBinance) -> Tally {
        var stream = CrashPathStream(seed: seed, policy: policy)
        var engine = Engine()
        var tally = Tally()
        for command in stream.opening() {
            _ = engine.apply(command)
        }
        for step in 1...steps {
            for command in stream.next() {
                let events = engine.apply(command)
                tally.count(events)
                for problem in Self.unaccountedSteps(events, solventEnds: seed % 2 == 1) {
                    tally.violations.append("step \(step): \(problem)")
                }
                for event in events {
                    guard case .deleveraged(let round) = event else { continue }
                    let closes = round.policy != .socializedLoss
                    if closes ? round.totalClosed != round.request.quantity : !round.totalClosed.isZero {
                        tally.violations.append("step \(step): round \(round.request.id) closed \(round.totalClosed)")
                    }
                    // Each haircut rounds once at the execution price and once at the mark; the
                    // shortfall rounds once: at most two raw units per counterparty, plus one.
                    let slack = Int64(2 * round.counterparties.count + 1)
                    if round.roundingDifference.raw.magnitude > slack {
                        tally.violations.append("step \(step): round \(round.request.id) is off by \(round.roundingDifference)")
                    }
                }
                for (index, market) in engine.markets.enumerated() where step % 50 == 0 {
                    let walked = engine.accounts.reduce(Quantity.zero) { total, account in
                        total + max(.zero, account.position(market: index)?.quantity ?? .zero)
                    }
                    if engine.openInterest(market.symbol) != walked {
                        tally.violations.append(
                            "step \(step): open interest of \(market.symbol) is \(engine.openInterest(market.symbol)), the accounts hold \(walked)")
                    }
                }
                let violations = engine.invariantViolations(includeReservations: step % 50 == 0)
                if !violations.isEmpty {
                    tally.violations.append("step \(step) after \(command.type): \(violations.prefix(3))")
                    tally.hash = engine.stateHash
                    return tally
                }
            }
        }
        tally.hash = engine.stateHash
        tally.uncovered = engine.accounts.reduce(.zero) { total, account in
            account.positions.reduce(total + account.reportedShortfall) { $0 + $1.reportedShortfall }
        }
        return tally
    }

    /// Every liquidation step's quantity is exactly what the book filled, plus what the fund took
    /// over, plus what was requested for deleveraging; and, where deleveraging executes at the
    /// bankruptcy price (`solventEnds`), a liquidation ends below zero only when part of it was
    /// requested for deleveraging before (an account already carrying reported bad debt aside).
    static func unaccountedSteps(_ events: [Event], solventEnds: Bool) -> [String] {
        var problems: [String] = []
        var open: (step: LiquidationStep, accounted: Quantity)?
        var requested = false
        func close() {
            if let current = open, current.accounted != current.step.quantity {
                problems.append("liquidation order \(current.step.orderId) of \(current.step.quantity) accounts for \(current.accounted)")
            }
            open = nil
        }
        for event in events {
            switch event {
            case .liquidationStep(let step):
                close()
                open = (step, .zero)
            case .trade(let trade) where trade.kind == .liquidation && trade.takerOrderId == open?.step.orderId:
                open?.accounted += trade.quantity
            case .fundTakeover(let takeover) where open != nil:
                open?.accounted += takeover.quantity
            case .deleveragingRequested(let request) where open != nil:
                open?.accounted += request.quantity
                requested = true
            case .liquidationStarted:
                requested = false
            case .liquidationEnded(let ended):
                close()
                if solventEnds, ended.equity.isNegative, !requested {
                    problems.append("liquidation of \(ended.account) ended at \(ended.equity) with nothing requested")
                }
            default:
                break
            }
        }
        close()
        return problems
    }

    @Test("crash paths keep every invariant and end every bankruptcy covered or requested", arguments: [1, 2, 3])
    func crashPaths(seed: UInt64) {
        let tally = Self.run(seed: seed, steps: 6_000)
        #expect(tally.violations.isEmpty, "\(tally.violations.prefix(3))")
        #expect(tally.liquidations > 20, "the paths must liquidate to mean anything")
        #expect(tally.liquidationFills > 0)
        #expect(tally.fundTakeovers > 0)
        #expect(tally.deleveragingRequests > 0)
        #expect(tally.vaultTakeovers > 0)
        #expect(tally.refusals.contains(.noFund))
    }

    @Test("crash paths with every deleveraging policy keep every invariant", arguments: DeleveragingPolicyName.allCases)
    func everyPolicy(policy: DeleveragingPolicyName) {
        for seed: UInt64 in [4, 5] {
            let tally = Self.run(seed: seed, steps: 2_000, policy: policy)
            #expect(tally.violations.isEmpty, "\(policy) seed \(seed): \(tally.violations.prefix(3))")
            #expect(tally.deleveragingRequests > 0)
            if seed % 2 == 1 {
                // At the bankruptcy price every bankrupt remainder is paid for in full.
                #expect(tally.uncovered == .zero, "\(policy) seed \(seed) left \(tally.uncovered) uncovered")
            }
        }
    }

    @Test func aCrashPathReplaysToTheSameHash() {
        #expect(Self.run(seed: 9, steps: 1_500).hash == Self.run(seed: 9, steps: 1_500).hash)
    }
}

extension LiquidationPropertyTests.Tally {
    mutating func count(_ events: [Event]) {
        for event in events {
            switch event {
            case .liquidationStarted: liquidations += 1
            case .trade(let trade) where trade.kind == .liquidation: liquidationFills += 1
            case .fundTakeover: fundTakeovers += 1
            case .fundRefused(let refused): refusals.insert(refused.refusal.reason)
            case .deleveragingRequested: deleveragingRequests += 1
            case .vaultTakeover: vaultTakeovers += 1
            case .insuranceFundChanged(let entry) where entry.kind == .unwind: unwindFills += 1
            default: break
            }
        }
    }
}
