import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation

/// Durability at speed: an order flow journaled on SQLite with group commit, as a venue's sequencer
/// would (apply, enqueue, acknowledge once durable), then read back and replayed through a new engine.
public enum JournalWorkload {
    /// Runs `count` commands through a journal in a fresh SQLite file in `directory` (a temporary one
    /// when absent), which is removed afterwards.
    ///
    /// A snapshot of the mark-tick workload's venue with `snapshotPositions` open positions is also
    /// encoded and decoded, to show what snapshots cost at scale.
    public static func run(commands count: Int, snapshotPositions: Int, directory: String? = nil) async throws -> BenchmarkResult {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("backstop-journal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/bench.sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            if directory == nil { try? FileManager.default.removeItem(atPath: folder) }
        }
        let commands = OrderFlowCommands.generate(count: count, seed: 17)

        // The journal alone: every command numbered, queued and made durable.
        let journalOnly = try SQLiteJournalStorage(path: path + "-alone")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + "-alone" + suffix) } }
        let aloneStart = ContinuousClock.now
        _ = try await JournalWriter(storage: journalOnly, after: 0, checksum: 0).append(commands)
        let aloneSeconds = seconds(ContinuousClock.now - aloneStart)
        try await journalOnly.close()

        // A sequencer: apply and enqueue each command, acknowledge the last once durable.
        let storage = try SQLiteJournalStorage(path: path)
        let writer = JournalWriter(storage: storage, after: 0, checksum: 0)
        var engine = Engine()
        var events: [Event] = []
        let venueStart = ContinuousClock.now
        var last: UInt64 = 0
        for command in commands {
            last = try writer.enqueue(command)
            events.removeAll(keepingCapacity: true)
            engine.apply(command, into: &events)
        }
        try await writer.waitUntilDurable(last)
        let venueSeconds = seconds(ContinuousClock.now - venueStart)
        let batches = try await storage.batches(from: 1, limit: Int.max).count

        // A snapshot of the final state, stored.
        let snapshotStart = ContinuousClock.now
        let snapshot = try EngineSnapshot.make(engine, at: writer.lastQueued)
        try await storage.save(snapshot)
        let snapshotSeconds = seconds(ContinuousClock.now - snapshotStart)

        // Replay: read, check every checksum, decode and apply.
        let replayStart = ContinuousClock.now
        let recovered = try await Recovery.recover(from: storage, useSnapshots: false)
        let restoreStart = ContinuousClock.now
        let restored = try await Recovery.recover(from: storage)
        let restoreSeconds = seconds(ContinuousClock.now - restoreStart)
        let replaySeconds = seconds(ContinuousClock.now - replayStart)
        try await storage.close()

        let large = MarkTickWorkload.venue(positions: snapshotPositions).engine
        let encodeStart = ContinuousClock.now
        let largeBytes = try EngineSnapshot.encode(large)
        let encodeSeconds = seconds(ContinuousClock.now - encodeStart)
        let decodeStart = ContinuousClock.now
        let largeRestored = try EngineSnapshot.decode(largeBytes)
        let decodeSeconds = seconds(ContinuousClock.now - decodeStart)

        return BenchmarkResult(
            workload: "journal",
            figures: [
                BenchmarkFigure(name: "commands", value: Double(count), unit: "commands", target: nil, higherIsBetter: true),
                BenchmarkFigure(
                    name: "durable appends (SQLite)", value: Double(count) / aloneSeconds, unit: "commands/s",
                    target: 100_000, higherIsBetter: true),
                BenchmarkFigure(
                    name: "apply + durable (SQLite)", value: Double(count) / venueSeconds, unit: "commands/s", target: nil,
                    higherIsBetter: true),
                BenchmarkFigure(
                    name: "commands per commit", value: Double(count) / Double(max(1, batches)), unit: "commands", target: nil,
                    higherIsBetter: true),
                BenchmarkFigure(
                    name: "replay (read, verify, apply)", value: Double(recovered.replayed) / replaySeconds, unit: "commands/s",
                    target: 1_000_000, higherIsBetter: true),
                BenchmarkFigure(
                    name: "snapshot (encode, store)", value: snapshotSeconds * 1e3, unit: "ms", target: nil, higherIsBetter: false),
                BenchmarkFigure(
                    name: "snapshot size", value: Double(snapshot.state.count) / 1e6, unit: "MB", target: nil, higherIsBetter: false),
                BenchmarkFigure(
                    name: "recovery from the snapshot", value: restoreSeconds * 1e3, unit: "ms", target: nil, higherIsBetter: false),
                BenchmarkFigure(
                    name: "snapshot of \(snapshotPositions) positions", value: Double(largeBytes.count) / 1e6, unit: "MB", target: nil,
                    higherIsBetter: false),
                BenchmarkFigure(name: "  encode", value: encodeSeconds, unit: "s", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "  decode", value: decodeSeconds, unit: "s", target: nil, higherIsBetter: false),
            ],
            checks: [
                "replay applied every command": recovered.replayed == count,
                "the large snapshot restores the same state": largeRestored.stateHash == large.stateHash,
                "replay ends in the live engine's state": recovered.engine.stateHash == engine.stateHash,
                "recovery from the snapshot ends in the live engine's state":
                    restored.snapshot == UInt64(count) && restored.engine.stateHash == engine.stateHash,
            ])
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A generated order flow on one market, with no feedback from the engine: deposits, then limit and
/// IOC orders, amendments and cancels of recent orders, and index moves.
enum OrderFlowCommands {
    static let symbol = "FLOWUSDT"

    static func generate(count: Int, seed: UInt64) -> [Command] {
        var random = SplitMix64(seed: seed)
        let spec = MarketSpec(
            symbol: symbol, baseAsset: "FLOW", tickSize: Price(units: 1), lotSize: Quantity(units: 1),
            minNotional: .zero, maxOrderQuantity: Quantity(units: 10_000), maxPrice: Price(units: 1_000_000),
            riskTiers: [RiskTier(notionalFloor: .zero, maxLeverage: 100, maintenanceMarginRate: Rate("0.005")!)],
            makerFeeRate: Rate("0.0002")!, takerFeeRate: Rate("0.0005")!, liquidationFeeRate: Rate("0.01")!,
            priceBand: Rate("0.5")!)
        var commands: [Command] = [
            Command(time: 0, .createMarket(spec)),
            Command(time: 0, .indexPrice(IndexPrice(symbol: symbol, price: Price(units: 100_000)))),
        ]
        let accounts: UInt64 = 1_000
        for account in 1...accounts {
            commands.append(Command(time: 0, .deposit(Deposit(account: AccountID(account), amount: Money(units: 10_000_000)))))
        }
        var placed: UInt64 = 0
        var time: Timestamp = 0
        while commands.count < count {
            time += 1
            let account = AccountID(random.next() % accounts + 1)
            let side: Side = random.next() % 2 == 0 ? .buy : .sell
            let offset = Int64(random.next() % 415) - 40
            let price = Price(units: side == .buy ? 100_000 - offset : 100_000 + offset)
            let recent = OrderID(placed - min(placed, random.next() % 1_000))
            let roll = random.next() % 100
            let action: Command.Action
            if roll < 12 || placed < 1_000 {
                placed += 1
                action = .placeOrder(PlaceOrder(
                    account: account, symbol: symbol, side: side, timeInForce: roll < 9 || placed < 1_000 ? .gtc : .ioc,
                    price: price, quantity: Quantity(units: Int64(random.next() % 20 + 1)), selfTradePrevention: .none))
            } else if roll < 18 {
                action = .cancelOrder(CancelOrder(account: account, symbol: symbol, orderId: recent))
            } else if roll < 99 {
                action = .amendOrder(AmendOrder(account: account, symbol: symbol, orderId: recent, price: price))
            } else {
                action = .indexPrice(IndexPrice(symbol: symbol, price: Price(units: 99_990 + Int64(random.next() % 20))))
            }
            commands.append(Command(time: time, action))
        }
        return commands
    }
}
