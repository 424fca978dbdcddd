import BackstopEngine
import Synchronization

/// Appends commands to a journal with group commit: many commands share one durable write.
///
/// ``enqueue(_:)`` numbers a command and queues it at once, in the caller's order, without waiting;
/// ``waitUntilDurable(_:)`` returns when that command is on stable storage. While one batch is
/// being written, the next one gathers, so a busy venue pays one synchronous write for thousands
/// of commands and a quiet one pays it per command. A server acknowledges a command only after
/// waiting; a failed write fails every waiter and every later call, since the engine may have
/// applied commands the journal does not hold.
public final class JournalWriter: Sendable {
    private struct State {
        var nextSequence: UInt64
        var chain: UInt32
        var pending: [JournalEntry] = []
        /// The chain checksum before the first pending entry.
        var pendingPrevious: UInt32
        var durable: UInt64
        var writing = false
        var failure: JournalWriteFailure?
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let storage: any JournalStorage
    private let maxBatch: Int
    private let state: Mutex<State>

    /// Continues a journal after the entry `after` (0 for an empty journal), whose chain checksum
    /// is `checksum` (0 for an empty journal).
    ///
    /// - Parameter maxBatch: the most entries written in one transaction.
    public init(storage: any JournalStorage, after sequence: UInt64, checksum: UInt32, maxBatch: Int = 8_192) {
        self.storage = storage
        self.maxBatch = maxBatch
        state = Mutex(State(nextSequence: sequence + 1, chain: checksum, pendingPrevious: checksum, durable: sequence))
    }

    /// The sequence number of the last command known to be durable.
    public var durableSequence: UInt64 { state.withLock { $0.durable } }

    /// The last command queued and its chain checksum: where a snapshot taken now stands.
    public var lastQueued: JournalReader.Position {
        state.withLock { JournalReader.Position(sequence: $0.nextSequence - 1, checksum: $0.chain) }
    }

    /// Numbers a command, queues it for the next batch and returns its sequence number.
    ///
    /// - Throws: ``JournalWriteFailure`` once a write has failed: nothing more is accepted.
    @discardableResult
    public func enqueue(_ command: Command) throws(JournalWriteFailure) -> UInt64 {
        let payload = CommandCodec.encode(command)
        let (sequence, startWriting) = try state.withLock { state throws(JournalWriteFailure) in
            if let failure = state.failure { throw failure }
            let entry = JournalEntry(sequence: state.nextSequence, payload: payload, previous: state.chain)
            state.pending.append(entry)
            state.chain = entry.checksum
            state.nextSequence += 1
            let start = !state.writing
            state.writing = true
            return (entry.sequence, start)
        }
        if startWriting {
            Task { await self.writeBatches() }
        }
        return sequence
    }

    /// Returns once the command numbered `sequence` and every one before it are durable.
    public func waitUntilDurable(_ sequence: UInt64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready: Result<Void, any Error>? = state.withLock { state in
                if state.durable >= sequence { return .success(()) }
                if let failure = state.failure { return .failure(failure) }
                state.waiters.append((sequence, continuation))
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Queues commands and returns once all of them are durable, with their sequence numbers.
    public func append(_ commands: [Command]) async throws -> ClosedRange<UInt64>? {
        guard let first = commands.first else { return nil }
        let start = try enqueue(first)
        var last = start
        for command in commands.dropFirst() {
            last = try enqueue(command)
        }
        try await waitUntilDurable(last)
        return start...last
    }

    /// Writes queued entries until none are left.
    private func writeBatches() async {
        while true {
            let (entries, previous) = state.withLock { state in
                let previous = state.pendingPrevious
                var taken: [JournalEntry] = []
                if state.pending.count <= maxBatch {
                    swap(&taken, &state.pending)
                } else {
                    taken = Array(state.pending.prefix(maxBatch))
                    state.pending.removeFirst(maxBatch)
                }
                if let last = taken.last { state.pendingPrevious = last.checksum } else { state.writing = false }
                return (taken, previous)
            }
            guard let first = entries.first else { return }
            do {
                try await storage.append(EntryBatch(entries: entries, previous: previous))
            } catch {
                fail(JournalWriteFailure(sequence: first.sequence, reason: "\(error)"))
                return
            }
            let ready = state.withLock { state in
                state.durable = entries[entries.count - 1].sequence
                let durable = state.durable
                let ready = state.waiters.filter { $0.sequence <= durable }.map(\.continuation)
                state.waiters.removeAll { $0.sequence <= durable }
                return ready
            }
            for continuation in ready { continuation.resume() }
        }
    }

    private func fail(_ failure: JournalWriteFailure) {
        let waiters = state.withLock { state in
            state.failure = failure
            state.writing = false
            state.pending.removeAll()
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for continuation in waiters { continuation.resume(throwing: failure) }
    }
}

/// A journal write that failed: the commands from `sequence` on are not durable.
public struct JournalWriteFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The first command that may not be on stable storage.
    public var sequence: UInt64
    /// What the storage reported.
    public var reason: String

    public var description: String { "the journal could not write from entry \(sequence): \(reason)" }
}
