import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation

/// An engine and its history driven directly, without a server, with the fixture venue's market
/// (`BTCUSDT` marked at 65,000) and traders; each command is one millisecond after the previous.
struct StreamFixture {
    var engine = Engine()
    var history = VenueHistory()
    var time = TestVenue.start

    /// The fixture's market and deposits, with `configure` applied to the market first.
    init(configure: (inout MarketSpec) -> Void = { _ in }, funds: [InsuranceFundSpec] = []) {
        var market = TestVenue.market
        configure(&market)
        for fund in funds { apply(.createInsuranceFund(fund)) }
        apply(.createMarket(market))
        apply(.deposit(Deposit(account: TestVenue.alice.account, amount: TestVenue.alice.deposit!)))
        apply(.deposit(Deposit(account: TestVenue.bob.account, amount: TestVenue.bob.deposit!)))
        apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("65000")!)))
    }

    /// Applies an action and returns the stream messages rendered for it.
    @discardableResult
    mutating func apply(_ action: Command.Action) -> [StreamMessage] {
        time += 1
        let command = Command(time: time, action)
        let events = engine.apply(command)
        history.record(command, events)
        return StreamMessages.render(command: command, events: events, engine: engine, history: history)
    }

    /// A limit order.
    static func limit(
        _ account: AccountID, _ side: Side, _ price: String, _ quantity: String, clientOrderId: String? = nil,
        timeInForce: TimeInForce = .gtc
    ) -> Command.Action {
        .placeOrder(PlaceOrder(
            account: account, symbol: "BTCUSDT", side: side, timeInForce: timeInForce, price: Price(price)!,
            quantity: Quantity(quantity)!, clientOrderId: clientOrderId))
    }
}

extension [StreamMessage] {
    /// The payloads sent to `audience`, parsed.
    func payloads(to audience: StreamMessage.Audience) -> [[String: Any]] {
        filter { $0.audience == audience }.map { JSONTesting.object($0.payload) }
    }
}

/// Parsing JSON text in tests.
enum JSONTesting {
    /// The text as a JSON object; empty when it is not one.
    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The text as JSON of any kind.
    static func value(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}
