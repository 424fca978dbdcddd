import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation

/// Commands read from the example files: every kind of command the examples use, in a real order.
enum ExampleCommands {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    static func load(_ name: String) throws -> [Command] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return try JSONDecoder().decode(Command.self, from: Data(trimmed.utf8))
        }
    }

    static var all: [Command] {
        get throws { try load("quickstart.jsonl") + load("liquidation-cascade.jsonl") }
    }
}

/// A generated order flow on one market: deposits, then orders, amendments, cancels and index moves.
enum OrderFlow {
    static let symbol = "BTCUSDT"

    static func commands(count: Int, seed: UInt64) -> [Command] {
        var random = SplitMix64(seed: seed)
        let spec = MarketSpec(
            symbol: symbol, baseAsset: "BTC", tickSize: Price(units: 1), lotSize: Quantity("0.001")!,
            minNotional: .zero, maxOrderQuantity: Quantity(units: 100), maxPrice: Price(units: 1_000_000),
            riskTiers: [RiskTier(notionalFloor: .zero, maxLeverage: 50, maintenanceMarginRate: Rate("0.005")!)],
            makerFeeRate: Rate("0.0002")!, takerFeeRate: Rate("0.0005")!, liquidationFeeRate: Rate("0.01")!,
            priceBand: Rate("0.5")!)
        var commands: [Command] = [
            Command(time: 0, .createMarket(spec)),
            Command(time: 0, .indexPrice(IndexPrice(symbol: symbol, price: Price(units: 60_000)))),
        ]
        for account in 1...20 {
            commands.append(Command(time: 0, .deposit(Deposit(account: AccountID(UInt64(account)), amount: Money(units: 1_000_000)))))
        }
        var time: Timestamp = 0
        while commands.count < count {
            time += 1
            let account = AccountID(random.next() % 20 + 1)
            let side: Side = random.next() % 2 == 0 ? .buy : .sell
            let offset = Int64(random.next() % 200) - 40
            let price = Price(units: side == .buy ? 60_000 - offset : 60_000 + offset)
            switch random.next() % 10 {
            case 0:
                let index = Price(units: 59_950 + Int64(random.next() % 100))
                commands.append(Command(time: time, .indexPrice(IndexPrice(symbol: symbol, price: index))))
            case 1:
                commands.append(Command(time: time, .cancelOrder(CancelOrder(account: account, symbol: symbol, orderId: OrderID(random.next() % UInt64(count) + 1)))))
            case 2:
                commands.append(Command(time: time, .amendOrder(AmendOrder(account: account, symbol: symbol, orderId: OrderID(random.next() % UInt64(count) + 1), price: price))))
            default:
                commands.append(Command(time: time, .placeOrder(PlaceOrder(
                    account: account, symbol: symbol, side: side, timeInForce: random.next() % 4 == 0 ? .ioc : .gtc, price: price,
                    quantity: Quantity("0.001")!.times(Int64(random.next() % 50 + 1))))))
            }
        }
        return commands
    }
}

/// A fresh directory for one test's journal files, removed when the value is released; its name
/// also names the test's PostgreSQL database.
final class TemporaryDirectory {
    let name = "journal_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
