import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation
import Testing

@Suite("Command codec")
struct CommandCodecTests {
    @Test("every command of the example files comes back equal")
    func examplesRoundTrip() throws {
        let commands = try ExampleCommands.all
        #expect(Set(commands.map(\.type)).count >= 10, "the examples should use most kinds of command")
        for command in commands {
            #expect(try CommandCodec.decode(CommandCodec.encode(command)[...]) == command)
        }
    }

    static let edgeCases: [(String, Command)] = [
        ("a market order without a price", Command(time: 5, .placeOrder(PlaceOrder(
            account: AccountID(1), symbol: "BTCUSDT", side: .sell, type: .market, timeInForce: .ioc, price: nil,
            quantity: Quantity("0.001")!)))),
        ("every order option set, a non-ASCII client id", Command(time: Engine.latestTime, .placeOrder(PlaceOrder(
            account: AccountID(UInt64.max), symbol: "ÉTHUSDT", side: .buy, type: .limit, timeInForce: .postOnly,
            price: Price(raw: Int64.max), quantity: Quantity(raw: 1), reduceOnly: true, selfTradePrevention: .expireBoth,
            clientOrderId: "ordre-n°1 ✓")))),
        ("an empty client id is kept apart from none", Command(time: 0, .placeOrder(PlaceOrder(
            account: AccountID(2), symbol: "X", side: .buy, price: Price(units: 1), quantity: Quantity(units: 1), clientOrderId: "")))),
        ("an amendment of quantity only", Command(time: 7, .amendOrder(AmendOrder(
            account: AccountID(3), symbol: "BTCUSDT", orderId: OrderID(9), quantity: Quantity("0.5")!)))),
        ("an amendment of nothing", Command(time: 7, .amendOrder(AmendOrder(account: AccountID(3), symbol: "BTCUSDT", orderId: OrderID(9))))),
        ("a negative isolated margin adjustment", Command(time: 8, .adjustIsolatedMargin(AdjustIsolatedMargin(
            account: AccountID(4), symbol: "BTCUSDT", amount: Money(raw: Int64.min + 1))))),
        ("an index price from a named source", Command(time: 9, .indexPrice(IndexPrice(symbol: "BTCUSDT", source: "okx", price: Price("0.00000001")!)))),
        ("a negative leverage, refused later by the engine, kept as sent", Command(time: 10, .setLeverage(SetLeverage(
            account: AccountID(5), symbol: "BTCUSDT", leverage: -3)))),
        ("a negative time, refused later by the engine, kept as sent", Command(time: -1, .settleFunding(SettleFunding(symbol: "")))),
        ("isolated margin mode", Command(time: 11, .setMarginMode(SetMarginMode(account: AccountID(6), symbol: "BTCUSDT", mode: .isolated)))),
        ("cancel all", Command(time: 12, .cancelAllOrders(CancelAllOrders(account: AccountID(7), symbol: "BTCUSDT")))),
        ("a fund with every rule", Command(time: 13, .createInsuranceFund(InsuranceFundSpec(
            name: "main", account: 900, minimumBalance: Money(units: 5), maxPositionShare: Rate("0.2")!, lossLimit: Rate("0.075")!,
            drawdownLimit: Rate("0.3")!)))),
    ]

    @Test("edge cases come back equal", arguments: edgeCases)
    func edgeCaseRoundTrip(name: String, command: Command) throws {
        #expect(try CommandCodec.decode(CommandCodec.encode(command)[...]) == command, "\(name)")
    }

    static let damaged: [(String, [UInt8], CommandCodec.Failure)] = [
        ("no bytes", [], .truncated(offset: 0, needed: 1, available: 0)),
        ("an unknown tag", [200] + [UInt8](repeating: 0, count: 8), .unknownTag(200)),
        ("a deposit cut short", [3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], .truncated(offset: 9, needed: 8, available: 2)),
        ("a byte after a settlement", [13, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 65, 99], .trailingBytes(1)),
        ("a side that is no side", placeOrderWithSide("up"), .badValue(field: "side", value: "up")),
        ("a symbol that is not UTF-8", [13, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0xFF], .notUTF8(offset: 9)),
    ]

    @Test("damaged bytes are refused with the reason", arguments: damaged)
    func damagedBytes(name: String, bytes: [UInt8], expected: CommandCodec.Failure) {
        #expect(throws: expected, "\(name)") { try CommandCodec.decode(bytes[...]) }
    }

    static func placeOrderWithSide(_ side: String) -> [UInt8] {
        let good = CommandCodec.encode(Command(time: 0, .placeOrder(PlaceOrder(
            account: AccountID(1), symbol: "B", side: .buy, price: Price(units: 1), quantity: Quantity(units: 1)))))
        // tag, time, account, then the symbol (4 + 1 bytes), then the side.
        let sideAt = 1 + 8 + 8 + 5
        return Array(good[..<sideAt]) + [UInt8(side.utf8.count), 0, 0, 0] + Array(side.utf8) + Array(good[(sideAt + 4 + 3)...])
    }

    @Test("a generated order flow round-trips command for command")
    func orderFlowRoundTrip() throws {
        for command in OrderFlow.commands(count: 5_000, seed: 11) {
            #expect(try CommandCodec.decode(CommandCodec.encode(command)[...]) == command)
        }
    }
}
