import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

/// Traps that well-formed requests reached by adding up: each order was in range, their sum was
/// not. A trap stops the whole venue, so each of these used to kill the test process.
@Suite("Sums of in-range orders neither trap nor stop the venue", .timeLimit(.minutes(2)))
struct OverflowTrapTests {
    static let rich: [TraderKey] = [
        TraderKey(apiKey: "alice-key", secretKey: "alice-secret", account: AccountID(1), deposit: Money("10000000000")!),
        TraderKey(apiKey: "bob-key", secretKey: "bob-secret", account: AccountID(2), deposit: Money("10000000000")!),
        TraderKey(apiKey: "carol-key", secretKey: "carol-secret", account: AccountID(3), deposit: Money("10000000000")!),
        TraderKey(apiKey: "dave-key", secretKey: "dave-secret", account: AccountID(4), deposit: Money("10000000000")!),
    ]

    /// The fixture's market with orders of up to 10,000 BTC, marked at the index, at 500,000: one
    /// order is worth 5 billion, half the largest notional a market may allow per order.
    static func venue() async throws -> TestVenue {
        let venue = try await TestVenue.make { configuration in
            configuration.markets[0].maxOrderQuantity = Quantity("10000")!
            configuration.markets[0].markPrice = MarkPriceSpec(method: .index)
            configuration.traders = rich
        }
        try await venue.moveIndex(to: "500000")
        return venue
    }

    /// `maker` rests `side` 10,000 at 500,000 and `taker` takes it.
    static func trade(
        _ maker: TraderKey, _ side: String, against taker: TraderKey, client: some TestClientProtocol, venue: TestVenue
    ) async throws -> (maker: TestResponse, taker: TestResponse) {
        let resting = try await client.order(maker, side, "10000", price: "500000", venue: venue)
        let taking = try await client.order(taker, side == "SELL" ? "BUY" : "SELL", "10000", price: "500000", venue: venue)
        return (resting, taking)
    }

    @Test("a day's quote volume past 92 billion saturates in the 24h ticker instead of trapping in the trade window")
    func quoteVolume() async throws {
        let venue = try await Self.venue()
        try await venue.application().test(.router) { client in
            // 20 trades of 5 billion: 100 billion in a minute, more than Money holds.
            for round in 0..<20 {
                let (maker, taker) = try await Self.trade(
                    Self.rich[1], round.isMultiple(of: 2) ? "SELL" : "BUY", against: Self.rich[0], client: client, venue: venue)
                #expect(maker.status == .ok && taker.status == .ok, "round \(round): \(maker.object) \(taker.object)")
            }
            let ticker = try await client.execute(uri: "/fapi/v1/ticker/24hr?symbol=BTCUSDT", method: .get)
            #expect(ticker.status == .ok)
            #expect(ticker.object["quoteVolume"] as? String == Money(raw: .max).description)
            #expect(ticker.object["volume"] as? String == "200000.000")
            #expect(try await client.execute(uri: "/fapi/v1/ping", method: .get).status == .ok)
        }
        try await venue.close()
    }

    @Test("open interest worth more than Money holds answers symbolAdlRisk and the dashboard instead of trapping")
    func openInterest() async throws {
        let venue = try await Self.venue()
        try await venue.application().test(.router) { client in
            // Alice and carol each long 50 billion, against bob and dave: 100 billion open.
            for (long, short) in [(Self.rich[0], Self.rich[1]), (Self.rich[2], Self.rich[3])] {
                for _ in 0..<10 {
                    let (maker, taker) = try await Self.trade(short, "SELL", against: long, client: client, venue: venue)
                    #expect(maker.status == .ok && taker.status == .ok, "\(maker.object) \(taker.object)")
                }
            }
            let risk = try await client.execute(uri: "/fapi/v1/symbolAdlRisk?symbol=BTCUSDT", method: .get)
            #expect(risk.status == .ok, "\(risk.object)")
            let dashboard = try await client.execute(uri: "/dashboard/v1/state", method: .get)
            #expect(dashboard.status == .ok)
            let quantile = try await client.get("/fapi/v1/adlQuantile", [], Self.rich[0], venue: venue)
            #expect(quantile.status == .ok)
            let positions = try await client.get("/fapi/v2/positionRisk", [], Self.rich[1], venue: venue)
            #expect(positions.status == .ok)
        }
        let risk = await venue.venue.read { engine, _ in engine.deleveragingRisk("BTCUSDT") }
        #expect(risk?.openInterestNotional == Money(raw: .max))
        try await venue.close()
    }

    @Test("the dashboard's ADL queue and the engine's ADL risk add open interest past Money's range without trapping")
    func openInterestSums() {
        // The engine alone, without the trade window the trades above fill first.
        var fixture = StreamFixture { market in
            market.maxOrderQuantity = Quantity("10000")!
            market.markPrice = MarkPriceSpec(method: .index)
        }
        for account in [3, 4] as [UInt64] {
            fixture.apply(.deposit(Deposit(account: AccountID(account), amount: Money("10000000000")!)))
        }
        for account in [1, 2] as [UInt64] {
            fixture.apply(.deposit(Deposit(account: AccountID(account), amount: Money("9999900000")!)))
        }
        fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("500000")!)))
        for (long, short) in [(AccountID(1), AccountID(2)), (AccountID(3), AccountID(4))] {
            for _ in 0..<10 {
                for action in [StreamFixture.limit(short, .sell, "500000", "10000"), StreamFixture.limit(long, .buy, "500000", "10000")] {
                    fixture.time += 1
                    let events = fixture.engine.apply(Command(time: fixture.time, action))
                    guard case .orderAccepted = events.first else {
                        Issue.record("refused: \(events)")
                        return
                    }
                }
            }
        }
        #expect(fixture.engine.openInterest("BTCUSDT") == Quantity("200000")!)
        let risk = fixture.engine.deleveragingRisk("BTCUSDT")
        #expect(risk?.openInterestNotional == Money(raw: .max))
        #expect(risk?.rating == .high)
        let queue = DeleveragingQueue(fixture.engine.market("BTCUSDT")!, engine: fixture.engine)
        #expect(queue.longs.map(\.positions).reduce(0, +) == 2)
        #expect(queue.longs.contains { $0.notional == Money(raw: .max) })
    }

    @Test("a short whose proceeds would take the cash past Money's range is refused (-2027), not filled into a trap")
    func shortProceeds() async throws {
        let venue = try await Self.venue()
        try await venue.application().test(.router) { client in
            // Bob's cash is 10 billion plus 5 billion per short sale; the 17th would reach 95 billion.
            for round in 0..<16 {
                let (maker, taker) = try await Self.trade(Self.rich[1], "SELL", against: Self.rich[0], client: client, venue: venue)
                #expect(maker.status == .ok && taker.status == .ok, "round \(round): \(maker.object) \(taker.object)")
            }
            let before = await venue.stateHash()
            let refused = try await client.order(Self.rich[1], "SELL", "10000", price: "500000", venue: venue)
            #expect(refused.errorCode == -2027, "\(refused.object)")
            #expect(await venue.stateHash() == before)
            // The same as a taker against a resting bid.
            _ = try await client.order(Self.rich[0], "BUY", "10000", price: "500000", venue: venue)
            let hash = await venue.stateHash()
            let taking = try await client.order(Self.rich[1], "SELL", "10000", type: "MARKET", venue: venue)
            #expect(taking.errorCode == -2027, "\(taking.object)")
            #expect(await venue.stateHash() == hash)
            #expect(try await client.execute(uri: "/fapi/v1/ping", method: .get).status == .ok)
        }
        try await venue.close()
    }

    @Test("longs in two markets whose cost would take the cash below Money's range are refused (-2027)")
    func longsInTwoMarkets() async throws {
        let venue = try await TestVenue.make { configuration in
            configuration.markets[0].maxOrderQuantity = Quantity("10000")!
            configuration.markets[0].markPrice = MarkPriceSpec(method: .index)
            var second = configuration.markets[0]
            second.symbol = "XBTUSDT"
            configuration.markets.append(second)
            configuration.traders = Self.rich
        }
        try await venue.moveIndex(to: "500000")
        venue.clock.advance(1)
        try await venue.venue.submit(.indexPrice(IndexPrice(symbol: "XBTUSDT", price: Price("500000")!)))
        try await venue.application().test(.router) { client in
            // Alice buys 17 × 5 billion in each market from bob and carol: her cash would go from
            // 10 billion to -160 billion.
            var refusal: TestResponse?
            outer: for round in 0..<17 {
                for (symbol, seller) in [("BTCUSDT", Self.rich[1]), ("XBTUSDT", Self.rich[2])] {
                    let resting = try await client.call(
                        .post, "/fapi/v1/order",
                        [("symbol", symbol), ("side", "SELL"), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", "10000"),
                         ("price", "500000")], seller, venue: venue)
                    #expect(resting.status == .ok, "round \(round): \(resting.object)")
                    let before = await venue.stateHash()
                    let taking = try await client.call(
                        .post, "/fapi/v1/order", [("symbol", symbol), ("side", "BUY"), ("type", "MARKET"), ("quantity", "10000")],
                        Self.rich[0], venue: venue)
                    if taking.status != .ok {
                        #expect(await venue.stateHash() == before)
                        refusal = taking
                        break outer
                    }
                }
            }
            #expect(refusal?.errorCode == -2027, "\(refusal?.object ?? [:])")
            #expect(try await client.execute(uri: "/fapi/v1/ping", method: .get).status == .ok)
        }
        try await venue.close()
    }
}
