import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation
import Testing

/// A child `backstop apply --journal` process is killed with SIGKILL at random moments while it
/// journals an order flow; after each kill, recovery must hold every command the child had
/// acknowledged, and its state must equal a clean replay of the same commands.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    static let rounds = 20
    static let commandsPerRound = 3_000

    /// The `backstop` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backstop")
    }

    @Test("every acknowledged command survives SIGKILL, and recovery equals a clean replay", arguments: StorageBackend.available)
    func killedAtRandom(backend: StorageBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the backstop executable first")
        let directory = try TemporaryDirectory()
        try await backend.makeEmpty(in: directory).close()
        let journal = backend.location(in: directory)
        let flow = OrderFlow.commands(count: Self.rounds * Self.commandsPerRound, seed: 99)
        var random = SplitMix64(seed: 7)
        var killedMidWay = 0
        var fromSnapshot = 0
        var recoveredEnd: UInt64 = 0
        // The clean replay goes on round after round, over the same commands as the journal.
        var clean = Engine()
        for round in 1...Self.rounds {
            let remaining = flow[Int(recoveredEnd)...].prefix(Self.commandsPerRound)
            let input = directory.path("round-\(round).jsonl")
            try Self.writeLines(remaining, to: input)
            let output = directory.path("round-\(round).out")
            #expect(FileManager.default.createFile(atPath: output, contents: nil))
            let child = Process()
            child.executableURL = Self.executable
            child.arguments = ["apply", input, "--journal", journal, "--snapshot-every", "700"]
            child.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            try child.run()
            // Kill once the child has acknowledged something, after a random further delay.
            let delay = Double(random.next() % 150) / 1_000
            while child.isRunning, Self.lastDurable(in: output) == nil {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .seconds(delay))
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                killedMidWay += 1
            }
            child.waitUntilExit()
            let acknowledged = Self.lastDurable(in: output) ?? recoveredEnd

            let storage = try await backend.reopen(in: directory)
            let recovered = try await Recovery.recover(from: storage)
            if recovered.snapshot != nil { fromSnapshot += 1 }
            // Without snapshots, the same entries give the same state.
            let full = try await Recovery.recover(from: storage, useSnapshots: false)
            #expect(full.engine.stateHash == recovered.engine.stateHash, "round \(round)")
            #expect(recovered.position.sequence >= acknowledged, "round \(round): acknowledged \(acknowledged), recovered \(recovered.position.sequence)")
            for command in flow[Int(recoveredEnd)..<Int(recovered.position.sequence)] { _ = clean.apply(command) }
            #expect(recovered.engine.stateHash == clean.stateHash, "round \(round)")
            #expect(recovered.engine.invariantViolations().isEmpty, "round \(round)")
            try await storage.close()
            recoveredEnd = recovered.position.sequence
        }
        #expect(killedMidWay >= Self.rounds / 2, "most rounds should be killed while writing")
        #expect(fromSnapshot >= Self.rounds / 2, "most recoveries should start from a snapshot")
        #expect(recoveredEnd > UInt64(Self.rounds), "the journal should have grown")
    }

    static func writeLines(_ commands: some Sequence<Command>, to path: String) throws {
        let encoder = JSONEncoder()
        var data = Data()
        for command in commands {
            data.append(try encoder.encode(command))
            data.append(UInt8(ascii: "\n"))
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// The last `{"durable":N}` line the child printed, if any.
    static func lastDurable(in path: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").reversed().lazy.compactMap { line -> UInt64? in
            guard line.hasPrefix("{\"durable\":"), line.hasSuffix("}") else { return nil }
            return UInt64(line.dropFirst(11).dropLast())
        }.first
    }
}
