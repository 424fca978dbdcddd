import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation
import HummingbirdTesting
import Testing

@Suite("Public market data in Binance's shape")
struct MarketDataTests {
    static let alice = TestVenue.alice.account
    static let bob = TestVenue.bob.account

    @Test("exchangeInfo lists the market as a USD-M perpetual with its filters and precisions")
    func exchangeInfo() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.execute(uri: "/fapi/v1/exchangeInfo", method: .get)
            #expect(response.status == .ok)
            let body = try #require(response.json as? [String: Any])
            #expect(body["timezone"] as? String == "UTC")
            #expect(body["serverTime"] as? Int64 == TestVenue.start)
            #expect((body["rateLimits"] as? [Any])?.isEmpty == false)
            #expect((body["assets"] as? [[String: Any]])?.map { $0["asset"] as? String } == ["USDT"])
            let symbol = try #require((body["symbols"] as? [[String: Any]])?.first)
            let fields: [String: String] = [
                "symbol": "BTCUSDT", "pair": "BTCUSDT", "contractType": "PERPETUAL", "status": "TRADING",
                "baseAsset": "BTC", "quoteAsset": "USDT", "marginAsset": "USDT", "maintMarginPercent": "0.4000",
                "requiredMarginPercent": "0.8000", "liquidationFee": "0.0125", "marketTakeBound": "0.05",
            ]
            for (key, value) in fields { #expect(symbol[key] as? String == value, "field \(key)") }
            #expect(symbol["pricePrecision"] as? Int == 1)
            #expect(symbol["quantityPrecision"] as? Int == 3)
            #expect(symbol["orderTypes"] as? [String] == ["LIMIT", "MARKET"])
            #expect(symbol["timeInForce"] as? [String] == ["GTC", "IOC", "FOK", "GTX"])
            let filters = try #require(symbol["filters"] as? [[String: Any]])
            let byType = Dictionary(uniqueKeysWithValues: filters.map { ($0["filterType"] as? String ?? "", $0) })
            #expect(byType["PRICE_FILTER"]?["tickSize"] as? String == "0.1")
            #expect(byType["PRICE_FILTER"]?["minPrice"] as? String == "0.1")
            #expect(byType["PRICE_FILTER"]?["maxPrice"] as? String == "1000000")
            #expect(byType["LOT_SIZE"]?["stepSize"] as? String == "0.001")
            #expect(byType["LOT_SIZE"]?["minQty"] as? String == "0.001")
            #expect(byType["LOT_SIZE"]?["maxQty"] as? String == "1000")
            #expect(byType["MARKET_LOT_SIZE"]?["maxQty"] as? String == "1000")
            #expect(byType["MIN_NOTIONAL"]?["notional"] as? String == "5")
            #expect(byType["MAX_NUM_ORDERS"]?["limit"] as? Int == 200)
            #expect(byType["PERCENT_PRICE"]?["multiplierUp"] as? String == "1.0500")
            #expect(byType["PERCENT_PRICE"]?["multiplierDown"] as? String == "0.9500")
        }
        try await venue.close()
    }

    @Test("depth lists resting orders best first with exact strings; lastUpdateId counts book changes")
    func depth() async throws {
        let venue = try await TestVenue.make()
        for order in [
            StreamFixture.limit(Self.alice, .buy, "64900", "0.01"), StreamFixture.limit(Self.alice, .buy, "64950.5", "0.25"),
            StreamFixture.limit(Self.bob, .sell, "65100", "0.002"), StreamFixture.limit(Self.bob, .sell, "65100", "0.003"),
        ] {
            try await venue.venue.submit(order)
        }
        try await venue.application().test(.router) { client in
            let response = try await client.execute(uri: "/fapi/v1/depth?symbol=BTCUSDT&limit=5", method: .get)
            let body = try #require(response.json as? [String: Any])
            #expect(body["lastUpdateId"] as? Int == 4)
            #expect(body["bids"] as? [[String]] == [["64950.5", "0.250"], ["64900.0", "0.010"]])
            #expect(body["asks"] as? [[String]] == [["65100.0", "0.005"]])
            #expect(body["T"] as? Int64 == TestVenue.start)
            let one = try #require(
                try await client.execute(uri: "/fapi/v1/depth?symbol=btcusdt&limit=5", method: .get).json as? [String: Any])
            #expect(one["lastUpdateId"] as? Int == 4)
        }
        try await venue.close()
    }

    @Test(
        "a limit outside Binance's list is refused",
        arguments: ["/fapi/v1/depth?symbol=BTCUSDT&limit=7", "/fapi/v1/depth?symbol=BTCUSDT&limit=abc",
                    "/fapi/v1/trades?symbol=BTCUSDT&limit=5000", "/fapi/v1/fundingRate?limit=0"])
    func badLimit(uri: String) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == -1130)
        }
        try await venue.close()
    }

    @Test(
        "an unknown symbol is -1121 on every endpoint that takes one",
        arguments: [
            "/fapi/v1/depth", "/fapi/v1/trades", "/fapi/v1/aggTrades", "/fapi/v1/premiumIndex", "/fapi/v1/fundingRate",
            "/fapi/v1/ticker/price", "/fapi/v2/ticker/price", "/fapi/v1/ticker/24hr", "/fapi/v1/insuranceBalance",
            "/fapi/v1/symbolAdlRisk",
        ])
    func unknownSymbol(path: String) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.execute(uri: path + "?symbol=NOPEUSDT", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == -1121)
        }
        try await venue.close()
    }

    @Test("premiumIndex gives mark, index, funding rate and next funding time; an array without a symbol")
    func premiumIndex() async throws {
        let venue = try await TestVenue.make()
        let market = try #require(await venue.venue.read { engine, _ in engine.market("BTCUSDT") })
        try await venue.application().test(.router) { client in
            let one = try #require(
                try await client.execute(uri: "/fapi/v1/premiumIndex?symbol=BTCUSDT", method: .get).json as? [String: Any])
            #expect(one["symbol"] as? String == "BTCUSDT")
            #expect(one["markPrice"] as? String == market.markPrice!.formatted(places: 8))
            #expect(one["indexPrice"] as? String == "65000.00000000")
            #expect(one["lastFundingRate"] as? String == "0.00000000")
            #expect(one["interestRate"] as? String == "0.00010000")
            #expect(one["nextFundingTime"] as? Int64 == market.funding.nextFundingTime)
            #expect(one["time"] as? Int64 == TestVenue.start)
            let all = try await client.execute(uri: "/fapi/v1/premiumIndex", method: .get).json as? [[String: Any]]
            #expect(all?.map { $0["symbol"] as? String } == ["BTCUSDT"])
        }
        try await venue.close()
    }

    @Test("ticker/price and ticker/24hr follow the trades; trades lists them oldest first")
    func tickersAndTrades() async throws {
        let venue = try await TestVenue.make()
        try await venue.venue.submit(StreamFixture.limit(Self.bob, .sell, "65000", "0.01"))
        try await venue.venue.submit(StreamFixture.limit(Self.alice, .buy, "65000", "0.01"))
        try await venue.venue.submit(StreamFixture.limit(Self.bob, .sell, "65200", "0.02"))
        try await venue.venue.submit(StreamFixture.limit(Self.alice, .buy, "65200", "0.02"))
        try await venue.application().test(.router) { client in
            for path in ["/fapi/v1/ticker/price", "/fapi/v2/ticker/price"] {
                let price = try #require(
                    try await client.execute(uri: path + "?symbol=BTCUSDT", method: .get).json as? [String: Any])
                #expect(price["symbol"] as? String == "BTCUSDT")
                #expect(price["price"] as? String == "65200.0")
                #expect(price["time"] as? Int64 == TestVenue.start)
            }
            let day = try #require(
                try await client.execute(uri: "/fapi/v1/ticker/24hr?symbol=BTCUSDT", method: .get).json as? [String: Any])
            let fields: [String: String] = [
                "lastPrice": "65200.0", "openPrice": "65000.0", "highPrice": "65200.0", "lowPrice": "65000.0",
                "priceChange": "200.0", "priceChangePercent": "0.308", "volume": "0.030", "quoteVolume": "1954",
                "weightedAvgPrice": "65133.33333333", "lastQty": "0.020",
            ]
            for (key, value) in fields { #expect(day[key] as? String == value, "field \(key)") }
            #expect(day["count"] as? Int == 2)
            #expect(day["closeTime"] as? Int64 == TestVenue.start)
            let trades = try #require(
                try await client.execute(uri: "/fapi/v1/trades?symbol=BTCUSDT&limit=10", method: .get).json as? [[String: Any]])
            #expect(trades.map { $0["price"] as? String } == ["65000.0", "65200.0"])
            #expect(trades.map { $0["qty"] as? String } == ["0.010", "0.020"])
            #expect(trades.map { $0["quoteQty"] as? String } == ["650", "1304"])
            #expect(trades.map { $0["isBuyerMaker"] as? Bool } == [false, false])
            let aggregates = try await client.execute(uri: "/fapi/v1/aggTrades?symbol=BTCUSDT", method: .get).json as? [[String: Any]]
            #expect(aggregates?.map { $0["q"] as? String } == ["0.010", "0.020"])
        }
        try await venue.close()
    }

    @Test("insuranceBalance gives each fund's equity and markets; symbolAdlRisk its coverage rating")
    func riskEndpoints() async throws {
        let venue = try await TestVenue.make { configuration in
            configuration.insuranceFunds = [InsuranceFundSpec(name: "main", account: 900)]
            configuration.markets[0].liquidation.insuranceFund = "main"
        }
        try await venue.venue.submit(.deposit(Deposit(account: AccountID(900), amount: Money("5000")!)))
        try await venue.application().test(.router) { client in
            let fund = try #require(
                try await client.execute(uri: "/fapi/v1/insuranceBalance?symbol=BTCUSDT", method: .get).json as? [String: Any])
            #expect(fund["symbols"] as? [String] == ["BTCUSDT"])
            let asset = try #require((fund["assets"] as? [[String: Any]])?.first)
            #expect(asset["asset"] as? String == "USDT")
            #expect(asset["marginBalance"] as? String == "5000")
            #expect(asset["updateTime"] as? Int64 == TestVenue.start)
            let all = try await client.execute(uri: "/fapi/v1/insuranceBalance", method: .get).json as? [[String: Any]]
            #expect(all?.count == 1)
            let risk = try #require(
                try await client.execute(uri: "/fapi/v1/symbolAdlRisk?symbol=BTCUSDT", method: .get).json as? [String: Any])
            #expect(risk["symbol"] as? String == "BTCUSDT")
            #expect(risk["adlRisk"] as? String == "low")
            #expect(risk["updateTime"] as? Int64 == TestVenue.start)
        }
        try await venue.close()
    }

    @Test("a market without a fund is at high deleveraging risk and shows no fund assets")
    func noFund() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let risk = try await client.execute(uri: "/fapi/v1/symbolAdlRisk", method: .get).json as? [[String: Any]]
            #expect(risk?.map { $0["adlRisk"] as? String } == ["high"])
            let fund = try await client.execute(uri: "/fapi/v1/insuranceBalance?symbol=BTCUSDT", method: .get).json
            #expect((fund as? [String: Any])?["assets"] as? [Any] != nil)
            #expect(((fund as? [String: Any])?["assets"] as? [Any])?.isEmpty == true)
        }
        try await venue.close()
    }

    @Test("fundingRate lists settlements with their rate and mark price")
    func fundingRate() async throws {
        let venue = try await TestVenue.make()
        let due = try #require(await venue.venue.read { engine, _ in engine.market("BTCUSDT")?.funding.nextFundingTime })
        venue.clock.set(due)
        try await venue.venue.submit(.settleFunding(SettleFunding(symbol: "BTCUSDT")))
        try await venue.application().test(.router) { client in
            let rows = try #require(
                try await client.execute(uri: "/fapi/v1/fundingRate?symbol=BTCUSDT", method: .get).json as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["fundingTime"] as? Int64 == due)
            #expect(rows.first?["fundingRate"] as? String == "0.00010000")
            #expect(rows.first?["symbol"] as? String == "BTCUSDT")
        }
        try await venue.close()
    }
}
