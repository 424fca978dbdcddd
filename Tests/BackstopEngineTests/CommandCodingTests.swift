import BackstopCore
@testable import BackstopEngine
import Foundation
import Testing

/// Commands and events as the JSON lines that `backstop apply` reads and prints.
@Suite struct CommandCodingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var command: Command
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "createMarket", command: Command(time: 0, .createMarket(Markets.btcusdt))),
        Case(name: "deposit", command: Command(time: 1, .deposit(Deposit(account: Trader.alice, amount: .of("1000.5"))))),
        Case(name: "withdraw", command: Command(time: 2, .withdraw(Withdraw(account: Trader.bob, amount: .of("0.00000001"))))),
        Case(name: "setLeverage", command: Command(time: 3, .setLeverage(SetLeverage(account: Trader.alice, symbol: "BTCUSDT", leverage: 50)))),
        Case(name: "setMarginMode", command: Command(time: 4, .setMarginMode(SetMarginMode(account: Trader.alice, symbol: "BTCUSDT", mode: .isolated)))),
        Case(name: "adjustIsolatedMargin", command: Command(time: 5, .adjustIsolatedMargin(AdjustIsolatedMargin(account: Trader.alice, symbol: "BTCUSDT", amount: .of("-12.25"))))),
        Case(name: "placeOrder limit", command: Command(time: 6, .placeOrder(PlaceOrder(
            account: Trader.carol, symbol: "BTCUSDT", side: .sell, timeInForce: .postOnly, price: .of("65000.1"),
            quantity: .of("0.001"), reduceOnly: true, selfTradePrevention: .expireBoth, clientOrderId: "my-1")))),
        Case(name: "placeOrder market", command: Command(time: 7, .placeOrder(PlaceOrder(
            account: Trader.carol, symbol: "BTCUSDT", side: .buy, type: .market, price: nil, quantity: .of("2"))))),
        Case(name: "cancelOrder", command: Command(time: 8, .cancelOrder(CancelOrder(account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(9))))),
        Case(name: "cancelAllOrders", command: Command(time: 9, .cancelAllOrders(CancelAllOrders(account: Trader.alice, symbol: "BTCUSDT")))),
        Case(name: "amendOrder", command: Command(time: 10, .amendOrder(AmendOrder(account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(3), price: .of("64000"))))),
        Case(name: "indexPrice", command: Command(time: 11, .indexPrice(IndexPrice(symbol: "BTCUSDT", source: "okx", price: .of("65001.25"))))),
        Case(name: "settleFunding", command: Command(time: 12, .settleFunding(SettleFunding(symbol: "BTCUSDT")))),
    ]

    @Test("every command survives a JSON round trip", arguments: cases)
    func roundTrip(_ testCase: Case) throws {
        let data = try JSONEncoder().encode(testCase.command)
        let decoded = try JSONDecoder().decode(Command.self, from: data)
        #expect(decoded == testCase.command)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == testCase.command.type.rawValue)
        #expect(object["time"] as? Int == Int(testCase.command.time))
    }

    @Test func optionalFieldsTakeTheirDefaults() throws {
        let line = #"{"time": 5, "type": "placeOrder", "account": 7, "symbol": "BTCUSDT", "side": "buy", "price": "100", "quantity": "1"}"#
        let command = try JSONDecoder().decode(Command.self, from: Data(line.utf8))
        let expected = PlaceOrder(account: AccountID(7), symbol: "BTCUSDT", side: .buy, price: .of("100"), quantity: .of("1"))
        #expect(command == Command(time: 5, .placeOrder(expected)))
        #expect(expected.type == .limit && expected.timeInForce == .gtc && expected.selfTradePrevention == .expireTaker)
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        var name: String
        var line: String
        var testDescription: String { name }
    }

    @Test("malformed lines are refused by the decoder", arguments: [
        Malformed(name: "no type", line: #"{"time": 1, "account": 1, "amount": "5"}"#),
        Malformed(name: "unknown type", line: #"{"time": 1, "type": "teleport"}"#),
        Malformed(name: "no time", line: #"{"type": "deposit", "account": 1, "amount": "5"}"#),
        Malformed(name: "exponent in an amount", line: #"{"time": 1, "type": "deposit", "account": 1, "amount": "1e5"}"#),
        Malformed(name: "too many decimals", line: #"{"time": 1, "type": "deposit", "account": 1, "amount": "0.000000001"}"#),
        Malformed(name: "negative account", line: #"{"time": 1, "type": "deposit", "account": -1, "amount": "5"}"#),
        Malformed(name: "unknown side", line: #"{"time": 1, "type": "placeOrder", "account": 1, "symbol": "X", "side": "up", "price": "1", "quantity": "1"}"#),
    ])
    func malformedLinesAreRefused(_ testCase: Malformed) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Command.self, from: Data(testCase.line.utf8))
        }
    }

    @Test func eventsEncodeFlatWithExactDecimals() throws {
        let event = Event.fundingPaid(FundingPaid(account: Trader.bob, symbol: "BTCUSDT", amount: .of("-3.254")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(event), as: UTF8.self)
        #expect(text == #"{"account":2,"amount":"-3.254","symbol":"BTCUSDT","type":"fundingPaid"}"#)
    }
}
