import BackstopCore
@testable import BackstopEngine
import Testing

/// Long seeded random command streams through the real engine, checking the invariants after every
/// command and that replaying gives the same state hash.
@Suite struct PropertyTests {
    static let markets = [Markets.btcusdt, Markets.ethusdtNoFees]
    static let accounts = (1...8).map { AccountID(UInt64($0)) }

    struct Outcome {
        var hash: String
        var accepted: [Command.ActionType: Int] = [:]
        var trades = 0
        var fundingSettlements = 0
        var violations: [String] = []
    }

    /// Runs `count` commands from `seed`, checking conservation and open interest after every command
    /// and the reservations every `reservationEvery` commands.
    static func run(seed: UInt64, count: Int, reservationEvery: Int = 250) -> Outcome {
        var stream = RandomCommandStream(seed: seed, markets: markets, accounts: accounts)
        var engine = Engine()
        for command in stream.opening() {
            _ = engine.apply(command)
        }
        var outcome = Outcome(hash: "")
        for step in 1...count {
            let command = stream.next()
            let hashBefore = step % 10 == 0 ? engine.stateHash : nil
            let events = engine.apply(command)
            stream.observe(events)
            if let rejection = events.first?.rejection {
                if let hashBefore, hashBefore != engine.stateHash {
                    outcome.violations.append("step \(step): rejected \(rejection.reason) changed the state")
                }
            } else {
                outcome.accepted[command.type, default: 0] += 1
            }
            outcome.trades += events.count { $0.trade != nil }
            outcome.fundingSettlements += events.count { if case .fundingSettled = $0 { true } else { false } }
            let violations = engine.invariantViolations(includeReservations: step % reservationEvery == 0)
            if !violations.isEmpty {
                outcome.violations.append("step \(step) after \(command.type): \(violations)")
                break
            }
        }
        outcome.hash = engine.stateHash
        return outcome
    }

    @Test("100,000 random commands keep conservation and open interest after every command, twice alike")
    func invariantsHoldOverALongRandomStream() {
        let outcome = Self.run(seed: 20_251_010, count: 100_000)
        #expect(outcome.violations.isEmpty, "\(outcome.violations.prefix(3))")
        #expect(Self.run(seed: 20_251_010, count: 100_000).hash == outcome.hash)
        #expect(outcome.trades > 5_000, "the stream must trade a lot to mean anything")
        #expect(outcome.fundingSettlements > 10)
        for type in Command.ActionType.allCases where type != .createMarket && type != .createInsuranceFund {
            #expect(outcome.accepted[type, default: 0] > 0, "no \(type) was ever accepted")
        }
    }

    @Test("the same seed gives the same state hash; another seed does not", arguments: [7, 99, 4_242])
    func replayGivesTheSameHash(seed: UInt64) {
        let first = Self.run(seed: seed, count: 5_000)
        let second = Self.run(seed: seed, count: 5_000)
        let other = Self.run(seed: seed + 1, count: 5_000)
        #expect(first.violations.isEmpty, "\(first.violations.prefix(3))")
        #expect(first.hash == second.hash)
        #expect(first.hash != other.hash)
    }
}
