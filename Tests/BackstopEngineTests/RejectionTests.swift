import BackstopCore
@testable import BackstopEngine
import Testing

/// Bad commands are refused with an exact reason and change nothing, not even the engine's time.
@Suite struct RejectionTests {
    struct BadCommand: CustomTestStringConvertible, Sendable {
        var name: String
        /// Accepted commands that prepare the state.
        var setup: [Command.Action] = []
        var action: Command.Action
        var reason: RejectReason
        /// Sends the command one millisecond before the engine's time.
        var backwards = false
        var testDescription: String { name }
    }

    static func order(
        account: AccountID = Trader.alice, symbol: String = "BTCUSDT", side: Side = .buy, type: OrderType = .limit,
        price: String? = "65000", quantity: String = "1", clientOrderId: String? = nil
    ) -> Command.Action {
        .placeOrder(PlaceOrder(
            account: account, symbol: symbol, side: side, type: type, price: price.map(Price.of),
            quantity: .of(quantity), clientOrderId: clientOrderId))
    }

    static let minNotional100: MarketSpec = {
        var spec = Markets.btcusdt
        spec.symbol = "BTCUSDC"
        spec.minNotional = .of("100")
        return spec
    }()

    static let unpriced: MarketSpec = {
        var spec = Markets.btcusdt
        spec.symbol = "SOLUSDT"
        return spec
    }()

    static let badTick: MarketSpec = {
        var spec = Markets.btcusdt
        spec.symbol = "NEWUSDT"
        spec.tickSize = .zero
        return spec
    }()

    @Test("bad commands are rejected with the exact reason and change nothing", arguments: [
        BadCommand(name: "order in an unknown market", action: order(symbol: "XRPUSDT"), reason: .unknownMarket),
        BadCommand(name: "leverage in an unknown market",
                   action: .setLeverage(SetLeverage(account: Trader.alice, symbol: "XRPUSDT", leverage: 10)),
                   reason: .unknownMarket),
        BadCommand(name: "funding of an unknown market", action: .settleFunding(SettleFunding(symbol: "XRPUSDT")),
                   reason: .unknownMarket),
        BadCommand(name: "order by an unknown account", action: order(account: AccountID(99)),
                   reason: .unknownAccount),
        BadCommand(name: "withdrawal by an unknown account",
                   action: .withdraw(Withdraw(account: AccountID(99), amount: .of("1"))), reason: .unknownAccount),
        BadCommand(name: "zero deposit", action: .deposit(Deposit(account: Trader.alice, amount: .zero)),
                   reason: .invalidAmount),
        BadCommand(name: "negative deposit", action: .deposit(Deposit(account: Trader.alice, amount: .of("-1"))),
                   reason: .invalidAmount),
        BadCommand(name: "deposit above the largest transfer",
                   action: .deposit(Deposit(account: Trader.alice, amount: Engine.maxTransfer + Money(raw: 1))),
                   reason: .invalidAmount),
        BadCommand(name: "zero deposit creating no account",
                   action: .deposit(Deposit(account: AccountID(99), amount: .zero)), reason: .invalidAmount),
        BadCommand(name: "zero withdrawal", action: .withdraw(Withdraw(account: Trader.alice, amount: .zero)),
                   reason: .invalidAmount),
        BadCommand(name: "withdrawal of more than is free",
                   action: .withdraw(Withdraw(account: Trader.alice, amount: .of("100000.00000001"))),
                   reason: .insufficientBalance),
        BadCommand(name: "quantity off the lot grid", action: order(quantity: "0.0015"), reason: .invalidQuantity),
        BadCommand(name: "zero quantity", action: order(quantity: "0"), reason: .invalidQuantity),
        BadCommand(name: "negative quantity", action: order(quantity: "-1"), reason: .invalidQuantity),
        BadCommand(name: "quantity above the maximum", action: order(quantity: "1000.001"), reason: .invalidQuantity),
        BadCommand(name: "price off the tick grid", action: order(price: "65000.05"), reason: .invalidPrice),
        BadCommand(name: "zero price", action: order(price: "0"), reason: .invalidPrice),
        BadCommand(name: "negative price", action: order(price: "-65000"), reason: .invalidPrice),
        BadCommand(name: "price above the market's maximum", action: order(price: "1000000.1"),
                   reason: .invalidPrice),
        BadCommand(name: "price one tick above the band", action: order(price: "68250.1"), reason: .priceOutOfBand),
        BadCommand(name: "price one tick below the band", action: order(side: .sell, price: "61749.9"),
                   reason: .priceOutOfBand),
        BadCommand(name: "limit order without a price", action: order(price: nil), reason: .invalidPrice),
        BadCommand(name: "market order with a price", action: order(type: .market, price: "65000"),
                   reason: .invalidPrice),
        BadCommand(name: "limit order below the minimum notional",
                   setup: [.createMarket(minNotional100), .indexPrice(IndexPrice(symbol: "BTCUSDC", price: .of("65000")))],
                   action: order(symbol: "BTCUSDC", quantity: "0.001"), reason: .belowMinNotional),
        BadCommand(name: "market order below the minimum notional at the mark",
                   setup: [.createMarket(minNotional100), .indexPrice(IndexPrice(symbol: "BTCUSDC", price: .of("65000")))],
                   action: order(symbol: "BTCUSDC", type: .market, price: nil, quantity: "0.001"),
                   reason: .belowMinNotional),
        BadCommand(name: "order before the market has a mark price", setup: [.createMarket(unpriced)],
                   action: order(symbol: "SOLUSDT"), reason: .noMarkPrice),
        BadCommand(name: "client order id longer than 36 bytes",
                   action: order(clientOrderId: String(repeating: "x", count: 37)), reason: .malformed),
        BadCommand(name: "empty client order id", action: order(clientOrderId: ""), reason: .malformed),
        BadCommand(name: "zero index price", action: .indexPrice(IndexPrice(symbol: "BTCUSDT", price: .zero)),
                   reason: .invalidPrice),
        BadCommand(name: "index source with no name",
                   action: .indexPrice(IndexPrice(symbol: "BTCUSDT", source: "", price: .of("65000"))),
                   reason: .malformed),
        BadCommand(name: "amendment of an order that does not exist",
                   action: .amendOrder(AmendOrder(account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(1),
                                                  price: .of("65000"))), reason: .unknownOrder),
        BadCommand(name: "duplicate market", action: .createMarket(Markets.btcusdt), reason: .marketExists),
        BadCommand(name: "invalid market spec", action: .createMarket(badTick), reason: .invalidMarketSpec),
        BadCommand(name: "time going backwards",
                   action: .deposit(Deposit(account: Trader.alice, amount: .of("1"))), reason: .timeWentBackwards,
                   backwards: true),
    ])
    func rejected(_ test: BadCommand) {
        var venue = TestVenue()
        for action in test.setup { venue.expectAccepted(action) }
        let hash = venue.engine.stateHash
        let time = venue.engine.time
        let events: [Event]
        if test.backwards {
            events = venue.engine.apply(Command(time: time - 1, test.action))
        } else {
            events = venue.apply(test.action)
        }
        #expect(events.count == 1)
        #expect(events.first?.rejection?.reason == test.reason)
        #expect(venue.engine.stateHash == hash)
        #expect(venue.engine.time == time)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct SpecCase: CustomTestStringConvertible, Sendable {
        var name: String
        var field: String
        var spec: MarketSpec
        var testDescription: String { name }
    }

    static func spec(_ change: (inout MarketSpec) -> Void) -> MarketSpec {
        var spec = Markets.btcusdt
        spec.symbol = "NEWUSDT"
        change(&spec)
        return spec
    }

    @Test("an invalid market spec is rejected naming the field at fault", arguments: [
        SpecCase(name: "lower-case symbol", field: "symbol", spec: spec { $0.symbol = "btcusdt" }),
        SpecCase(name: "zero tick", field: "tickSize", spec: spec { $0.tickSize = .zero }),
        SpecCase(name: "zero lot", field: "lotSize", spec: spec { $0.lotSize = .zero }),
        SpecCase(name: "negative minimum notional", field: "minNotional", spec: spec { $0.minNotional = .of("-1") }),
        SpecCase(name: "maximum quantity off the lot grid", field: "maxOrderQuantity",
                 spec: spec { $0.maxOrderQuantity = .of("1000.0005") }),
        SpecCase(name: "no risk tiers", field: "riskTiers", spec: spec { $0.riskTiers = [] }),
        SpecCase(name: "zero leverage in the first tier", field: "riskTiers[0].maxLeverage",
                 spec: spec { $0.riskTiers[0].maxLeverage = 0 }),
        SpecCase(name: "second tier floor not above the first", field: "riskTiers[1].notionalFloor",
                 spec: spec { $0.riskTiers[1].notionalFloor = .zero }),
        SpecCase(name: "second tier leverage above the first", field: "riskTiers[1].maxLeverage",
                 spec: spec { $0.riskTiers[1].maxLeverage = 150 }),
        SpecCase(name: "taker fee of 10%", field: "takerFeeRate", spec: spec { $0.takerFeeRate = .of("0.1") }),
        SpecCase(name: "zero price band", field: "priceBand", spec: spec { $0.priceBand = .zero }),
        SpecCase(name: "funding interval under a minute", field: "funding.intervalMilliseconds",
                 spec: spec { $0.funding.intervalMilliseconds = 59_999 }),
        SpecCase(name: "zero funding cap", field: "funding.rateCap", spec: spec { $0.funding.rateCap = .zero }),
        SpecCase(name: "basis window under a second", field: "markPrice.basisWindowMilliseconds",
                 spec: spec { $0.markPrice.basisWindowMilliseconds = 999 }),
    ])
    func invalidSpec(_ test: SpecCase) {
        var venue = TestVenue()
        let hash = venue.engine.stateHash
        let events = venue.apply(.createMarket(test.spec))
        let rejection = events.first?.rejection
        #expect(events.count == 1)
        #expect(rejection?.reason == .invalidMarketSpec)
        #expect(rejection?.message.hasPrefix(test.field + ":") == true, "\(rejection?.message ?? "")")
        #expect(venue.engine.stateHash == hash)
        #expect(venue.engine.market("NEWUSDT") == nil)
    }

    @Test("a resting order beyond 200 open orders in one market is refused; an IOC order is not")
    func tooManyOrders() {
        var venue = TestVenue(markets: [Markets.btcusdt, Markets.ethusdtNoFees])
        for step in 0..<Engine.maxOpenOrdersPerMarket {
            venue.limit(Trader.alice, .buy, "0.001", at: "\(64000 + step)")
        }
        #expect(venue.account(Trader.alice).position(market: 0)?.openOrders.count == 200)
        let result = venue.reject(.placeOrder(PlaceOrder(
            account: Trader.alice, symbol: "BTCUSDT", side: .buy, price: .of("64000"), quantity: .of("0.001"))))
        #expect(result.reason == .tooManyOrders)
        #expect(result.unchanged)
        #expect(venue.limit(Trader.alice, .buy, "0.001", at: "64000", timeInForce: .ioc).map(\.brief)
            == ["accepted #201", "closed #201 immediateOrCancel filled 0 left 0.001"])
        // The limit is per market.
        #expect(venue.limit(Trader.alice, .buy, "0.01", at: "65000", symbol: "ETHUSDT").map(\.brief)
            == ["accepted #202"])
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
