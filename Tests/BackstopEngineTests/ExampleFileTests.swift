import BackstopCore
@testable import BackstopEngine
import Foundation
import Testing

/// The README's example session, replayed through the engine.
@Suite struct ExampleFileTests {
    static func exampleCommands() throws -> [Command] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/quickstart.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
            .map { try JSONDecoder().decode(Command.self, from: Data($0.utf8)) }
    }

    /// A hash pinned from an earlier run: a process-seeded hash table reaching the state hash, or any
    /// change to what the example does, breaks it. Update it only with a reason.
    static let pinnedStateHash = "74a8a927ebcb402e972bee807b742790307bee2601622398f900c99a6ed616c1"

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
}
