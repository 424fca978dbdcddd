import BackstopCore
@testable import BackstopEngine
import Foundation
import Testing

/// The README's example session, replayed through the engine.
@Suite struct ExampleFileTests {
    static func exampleCommands(_ name: String = "quickstart") throws -> [Command] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/\(name).jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
            .map { try JSONDecoder().decode(Command.self, from: Data($0.utf8)) }
    }

    /// A hash pinned from an earlier run: a process-seeded hash table reaching the state hash, or any
    /// change to what the example does, breaks it. Update it only with a reason.
    static let pinnedStateHash = "0f92a07f729f88205fab59522c66988c98fa415f7b30a528c85be93c6b65efeb"

    @Test func theExampleGivesThePinnedStateHash() throws {
        var engine = Engine()
        var events: [Event] = []
        for command in try Self.exampleCommands() {
            events += engine.apply(command)
        }
        #expect(engine.stateHash == Self.pinnedStateHash)
        #expect(events.compactMap(\.rejection).map(\.reason) == [.priceOutOfBand])
        #expect(events.compactMap(\.trade).count == 3)
        #expect(engine.openInterest("BTCUSDT") == .of("0.6"))
        #expect(engine.invariantViolations().isEmpty)
    }

    /// The cascade: account 14 (isolated, 100x) half to the book and half to the fund; 11 refused by
    /// the fund's 50% position limit and deleveraged against 22 (Binance's queue puts its small wallet
    /// first); 12 to the book and the fund; 13 refused and deleveraged against 21; the fund unwinds later.
    @Test func theCascadeUsesTheBookTheFundAndDeleveraging() throws {
        var engine = Engine()
        var events: [Event] = []
        for command in try Self.exampleCommands("liquidation-cascade") {
            events += engine.apply(command)
        }
        let liquidated = events.compactMap { event -> AccountID? in
            if case .liquidationStarted(let started) = event { return started.account }
            return nil
        }
        #expect(liquidated == [AccountID(14), AccountID(11), AccountID(12), AccountID(13)])
        let requests = engine.deleveragingRequests.map { "\($0.account) \($0.quantity) @\($0.bankruptcyPrice)" }
        #expect(requests == ["11 0.7 @63603.92857143", "13 0.4 @57532.5"])
        let takeovers = events.compactMap { event -> String? in
            if case .fundTakeover(let takeover) = event { return "\(takeover.account) \(takeover.quantity)" }
            return nil
        }
        #expect(takeovers == ["14 0.5", "12 0.125"])
        #expect(!events.contains { if case .badDebt = $0 { true } else { false } })
        let rounds = events.compactMap { event -> String? in
            guard case .deleveraged(let round) = event else { return nil }
            return round.counterparties.map { "\($0.account) \($0.closed) \($0.haircut)" }.joined(separator: ", ")
        }
        #expect(rounds == ["22 0.7 422.75", "21 0.4 813"])
        let ledgerKinds = engine.insurancePools[0].ledger.map(\.kind)
        #expect(ledgerKinds.filter { $0 == .unwind }.count == 3)
        let afterTheCrash = try #require(engine.insuranceFundHistory("main", from: 300_000))
        #expect(afterTheCrash.map(\.kind) == [.unwind, .unwind])
        #expect(afterTheCrash.last?.balance == engine.accounts[engine.insurancePools[0].accountIndex].cash)
        #expect(engine.insuranceFundHistory("other") == nil)
        #expect(engine.invariantViolations().isEmpty)
    }
}
