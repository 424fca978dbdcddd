import BackstopEngine
import BackstopJournal
import Logging

/// The one sequencer of a running venue: it owns the engine, stamps each command with the time,
/// applies it, journals it and hands back what happened.
///
/// Every caller goes through this actor, so commands reach the engine one at a time in one order,
/// and that order is the journal's. A command the engine refuses changed nothing and is not
/// journaled. An accepted one is queued in the journal before the next command is applied; its
/// caller gets its answer, and the streams get its messages, only once it is durable (group
/// commit: many commands share one write).
public actor Venue {
    private var engine: Engine
    private var history: VenueHistory
    private let writer: JournalWriter?
    private let storage: (any JournalStorage)?
    private let snapshotEvery: UInt64
    private let clock: any VenueClock
    private let logger: Logger
    private let publications: AsyncStream<Publication>.Continuation
    /// Where the messages go; with no connection there, none are rendered.
    private let streams: StreamHub?
    private var snapshotRunning = false
    /// Set once the journal has failed; every later command is refused with it.
    private var stopped: APIError?

    /// The messages of one accepted command, delivered once the command is durable.
    public struct Publication: Sendable {
        /// The journal entry of the command; 0 without a journal.
        public var sequence: UInt64
        /// What to send, and to whom.
        public var messages: [StreamMessage]
    }

    /// Messages in the order their commands were applied; each waits for its command to be durable.
    public nonisolated let publicationStream: AsyncStream<Publication>

    /// Starts a venue from a recovered engine.
    ///
    /// - Parameters:
    ///   - history: what the replayed commands left in the read models.
    ///   - writer: journals accepted commands; without one, nothing is durable (for tests).
    ///   - storage: where snapshots go; the writer's storage.
    ///   - snapshotEvery: a snapshot every this many entries (0: never).
    ///   - streams: the hub the messages are published for; while it has no connection, no message
    ///     is rendered (depth diffs and tickers cost a pass over a book side or a day of minutes).
    ///     Without one, every command's messages are rendered.
    public init(
        engine: Engine, history: VenueHistory = VenueHistory(), writer: JournalWriter?, storage: (any JournalStorage)?, snapshotEvery: UInt64 = 0,
        clock: any VenueClock = WallClock(), streams: StreamHub? = nil, logger: Logger = Logger(label: "backstop.venue")
    ) {
        self.engine = engine
        self.history = history
        self.writer = writer
        self.storage = storage
        self.snapshotEvery = snapshotEvery
        self.clock = clock
        self.streams = streams
        self.logger = logger
        (publicationStream, publications) = AsyncStream.makeStream(of: Publication.self, bufferingPolicy: .unbounded)
    }

    /// The time the next command would carry: the clock's, but never before the engine's.
    public var now: Timestamp { max(engine.time, clock.now()) }

    /// Applies `action` now and returns `respond`'s answer, computed from the events and the state
    /// right after them, once the command is durable.
    ///
    /// - Throws: ``APIError`` when the journal cannot store the command (the venue then refuses
    ///   everything, since its engine has applied a command its journal lacks).
    public func submit<Answer: Sendable>(
        _ action: Command.Action,
        respond: @Sendable (_ events: [Event], _ engine: Engine, _ history: VenueHistory) throws -> Answer
    ) async throws -> Answer {
        if let stopped { throw stopped }
        let command = Command(time: now, action)
        let events = engine.apply(command)
        var sequence: UInt64 = 0
        if case .rejected = events.first {
            return try respond(events, engine, history)
        }
        if let writer {
            do {
                sequence = try writer.enqueue(command)
            } catch {
                throw stop(because: "the journal refused entry: \(error)")
            }
        }
        history.record(command, events)
        let answer = Result { try respond(events, engine, history) }
        let listened = streams.map { $0.connectionCount > 0 } ?? true
        let messages = listened ? StreamMessages.render(command: command, events: events, engine: engine, history: history) : []
        if !messages.isEmpty {
            publications.yield(Publication(sequence: sequence, messages: messages))
        }
        snapshotIfDue(after: sequence)
        if let writer {
            do {
                try await writer.waitUntilDurable(sequence)
            } catch {
                throw stop(because: "the journal failed to store entry \(sequence): \(error)")
            }
        }
        return try answer.get()
    }

    /// Refuses every later command: the engine has applied one that the journal does not hold, so
    /// going on would acknowledge state that a restart cannot rebuild.
    private func stop(because reason: String) -> APIError {
        logger.critical("the venue stops accepting commands: \(reason)")
        let error = APIError.unknown("The journal cannot store commands; the venue stopped accepting them.")
        stopped = error
        return error
    }

    /// Applies `action` and returns its events, once durable.
    @discardableResult
    public func submit(_ action: Command.Action) async throws -> [Event] {
        try await submit(action) { events, _, _ in events }
    }

    /// Reads the state between commands.
    public func read<Answer: Sendable>(
        _ body: @Sendable (_ engine: Engine, _ history: VenueHistory) throws -> Answer
    ) rethrows -> Answer {
        try body(engine, history)
    }

    /// Ends ``publicationStream``, when the server stops.
    public nonisolated func finishPublications() { publications.finish() }

    /// Waits until the publication of entry `sequence` may be sent.
    public nonisolated func waitUntilDurable(_ sequence: UInt64) async throws {
        guard let writer, sequence > 0 else { return }
        try await writer.waitUntilDurable(sequence)
    }

    /// Stores a snapshot of a copy of the engine, off the sequencer, once the entry it stands at is
    /// durable (a snapshot ahead of its journal would be refused at recovery).
    private func snapshotIfDue(after sequence: UInt64) {
        guard snapshotEvery > 0, sequence > 0, sequence % snapshotEvery == 0, !snapshotRunning,
            let writer, let storage
        else { return }
        snapshotRunning = true
        let copy = engine
        let position = writer.lastQueued
        let logger = logger
        Task.detached {
            do {
                try await writer.waitUntilDurable(position.sequence)
                try await storage.save(EngineSnapshot.make(copy, at: position))
                logger.info("snapshot stored at entry \(position.sequence)")
            } catch {
                logger.error("snapshot at entry \(position.sequence) failed: \(error)")
            }
            await self.snapshotFinished()
        }
    }

    private func snapshotFinished() { snapshotRunning = false }
}
