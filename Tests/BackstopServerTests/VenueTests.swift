import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation
import Testing

@testable import BackstopServer

@Suite("The venue sequences concurrent commands into one journal")
struct VenueTests {
    /// Orders from `traders` concurrent callers, each placing and cancelling `rounds` times.
    static func trade(on venue: Venue, traders: Int, rounds: Int) async throws {
        try await withThrowingTaskGroup { group in
            for trader in 0..<traders {
                group.addTask {
                    let account = AccountID(UInt64(100 + trader))
                    try await venue.submit(.deposit(Deposit(account: account, amount: Money("100000")!)))
                    for round in 0..<rounds {
                        let price = Price(units: Int64(64_000 + (trader * 7 + round * 13) % 900))
                        let events = try await venue.submit(
                            .placeOrder(PlaceOrder(
                                account: account, symbol: "BTCUSDT", side: round % 2 == 0 ? .buy : .sell, price: price,
                                quantity: Quantity("0.01")!)))
                        guard case .orderAccepted(let accepted) = events.first else { continue }
                        try await venue.submit(.cancelOrder(CancelOrder(account: account, symbol: "BTCUSDT", orderId: accepted.orderId)))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("many concurrent callers: replaying the journal reaches the live engine's state hash")
    func concurrentCallersReplay() async throws {
        let test = try await TestVenue.make()
        try await Self.trade(on: test.venue, traders: 40, rounds: 25)
        let live = await test.venue.read { engine, _ in (engine.stateHash, engine.invariantViolations().isEmpty) }
        #expect(live.1)
        let replayed = try await Recovery.recover(from: test.server.storage, useSnapshots: false)
        #expect(replayed.engine.stateHash == live.0)
        #expect(replayed.rejected == 0)
        try await test.close()
    }

    @Test("a refused command changes nothing and is not journaled")
    func refusedIsNotJournaled() async throws {
        let test = try await TestVenue.make()
        let before = await test.venue.read { engine, _ in engine.stateHash }
        let entries = try await JournalReader(storage: test.server.storage).end()?.sequence
        let events = try await test.venue.submit(
            .placeOrder(PlaceOrder(account: AccountID(1), symbol: "BTCUSDT", side: .buy, price: Price("64000.05")!, quantity: Quantity("0.01")!)))
        guard case .rejected(let rejection) = events.first else {
            Issue.record("an off-tick price was accepted: \(events)")
            return
        }
        #expect(rejection.reason == .invalidPrice)
        #expect(await test.venue.read { engine, _ in engine.stateHash } == before)
        #expect(try await JournalReader(storage: test.server.storage).end()?.sequence == entries)
        try await test.close()
    }

    @Test("commands carry the clock's time, never earlier than the engine's")
    func timeNeverGoesBack() async throws {
        let test = try await TestVenue.make()
        test.clock.advance(5_000)
        try await test.venue.submit(.deposit(Deposit(account: AccountID(1), amount: Money("1")!)))
        #expect(await test.venue.read { engine, _ in engine.time } == TestVenue.start + 5_000)
        test.clock.set(TestVenue.start)
        try await test.venue.submit(.deposit(Deposit(account: AccountID(1), amount: Money("1")!)))
        #expect(await test.venue.read { engine, _ in engine.time } == TestVenue.start + 5_000)
        try await test.close()
    }

    @Test("snapshots are stored off the sequencer and recovery starts from the newest")
    func snapshots() async throws {
        let test = try await TestVenue.make { $0.snapshotEvery = 50 }
        try await Self.trade(on: test.venue, traders: 4, rounds: 20)
        var sequences: [UInt64] = []
        for _ in 0..<100 {
            sequences = try await test.server.storage.snapshotSequences()
            if !sequences.isEmpty { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!sequences.isEmpty)
        let live = await test.venue.read { engine, _ in engine.stateHash }
        let recovered = try await Recovery.recover(from: test.server.storage)
        #expect(recovered.snapshot != nil)
        #expect(recovered.engine.stateHash == live)
        try await test.close()
    }

    @Test("once the journal fails, the venue refuses every later command before applying it")
    func stopsWhenTheJournalFails() async throws {
        let test = try await TestVenue.make()
        let engine = await test.venue.read { engine, _ in engine }
        let stale = JournalWriter(storage: test.server.storage, after: 0, checksum: 0)
        let venue = Venue(engine: engine, writer: stale, storage: test.server.storage, clock: test.clock)
        let deposit = Command.Action.deposit(Deposit(account: AccountID(1), amount: Money("1")!))
        await #expect(throws: APIError.self) { try await venue.submit(deposit) }
        let afterFailure = await venue.read { engine, _ in engine.stateHash }
        await #expect(throws: APIError.self) { try await venue.submit(deposit) }
        #expect(await venue.read { engine, _ in engine.stateHash } == afterFailure)
        try await test.close()
    }

    @Test("with no WebSocket connection no stream message is rendered; with one, they are")
    func rendersOnlyForListeners() async throws {
        let test = try await TestVenue.make()
        let hub = StreamHub()
        let engine = await test.venue.read { engine, _ in engine }
        let venue = Venue(engine: engine, writer: nil, storage: nil, clock: test.clock, streams: hub)
        func trade() async throws {
            for (account, side) in [(TestVenue.bob.account, Side.sell), (TestVenue.alice.account, Side.buy)] {
                try await venue.submit(
                    .placeOrder(PlaceOrder(account: account, symbol: "BTCUSDT", side: side, price: Price("65000")!, quantity: Quantity("0.01")!)))
            }
        }
        try await trade()
        let connection = hub.connect()
        hub.subscribe(connection.id, name: "btcusdt@aggTrade", to: .stream("btcusdt@aggTrade"))
        try await trade()
        venue.finishPublications()
        var audiences: [StreamMessage.Audience] = []
        for await publication in venue.publicationStream {
            audiences += publication.messages.map(\.audience)
        }
        #expect(audiences.filter { $0 == .stream("btcusdt@aggTrade") }.count == 1)
        hub.disconnect(connection.id)
        try await test.close()
    }
}
