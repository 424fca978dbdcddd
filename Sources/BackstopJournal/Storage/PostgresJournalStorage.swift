import Foundation
import Logging
import PostgresNIO

/// A journal in a PostgreSQL database: for venues that want the database's replication.
///
/// The same tables and semantics as ``SQLiteJournalStorage``. Commits wait for the server's write-ahead
/// log to reach disk (`synchronous_commit` is set to `on` for the connection), so an acknowledged
/// batch survives a crash of the server.
public final class PostgresJournalStorage: JournalStorage {
    private let client: PostgresClient
    private let running: Task<Void, Never>

    /// Connects to the database a URL names, `postgres://user:password@host:port/database`, and
    /// creates the journal's tables if they are missing.
    ///
    /// - Throws: ``PostgresURLError`` for a URL it cannot read, ``PostgresConnectionError`` with the
    ///   server's own reason when it cannot connect.
    public init(url: String) async throws {
        let address = try PostgresAddress(url)
        // One direct connection first: the pool would only report a tripped circuit breaker.
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.next(),
                configuration: PostgresConnection.Configuration(
                    host: address.host, port: address.port, username: address.user, password: address.password,
                    database: address.database, tls: .disable),
                id: 0, logger: Self.logger
            ).get()
            try await connection.close()
        } catch {
            throw PostgresConnectionError(url: url, error: error)
        }
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        configuration.options.additionalStartupParameters = [("synchronous_commit", "on")]
        client = PostgresClient(configuration: configuration)
        let client = client
        running = Task { await client.run() }
        try await createTables()
    }

    private func createTables() async throws {
        try await client.query("""
            CREATE TABLE IF NOT EXISTS batches (
                first_sequence BIGINT PRIMARY KEY,
                last_sequence BIGINT NOT NULL,
                entries BYTEA NOT NULL)
            """)
        try await client.query("""
            CREATE TABLE IF NOT EXISTS snapshots (
                sequence BIGINT PRIMARY KEY,
                entry_checksum BIGINT NOT NULL,
                state_hash TEXT NOT NULL,
                checksum BIGINT NOT NULL,
                state BYTEA NOT NULL)
            """)
    }


    public func append(_ batch: EntryBatch) async throws {
        let first = Int64(clamping: batch.firstSequence)
        let last = Int64(clamping: batch.lastSequence)
        let entries = Data(batch.bytes)
        try await client.withTransaction(logger: Self.logger) { connection in
            let rows = try await connection.query(
                "SELECT last_sequence FROM batches ORDER BY first_sequence DESC LIMIT 1 FOR UPDATE", logger: Self.logger)
            var end: Int64 = 0
            for try await value in rows.decode(Int64.self) { end = value }
            guard end + 1 == first else {
                throw JournalAppendConflict(batchStart: UInt64(clamping: first), storedEnd: UInt64(clamping: end))
            }
            try await connection.query(
                "INSERT INTO batches (first_sequence, last_sequence, entries) VALUES (\(first), \(last), \(entries))",
                logger: Self.logger)
        }
    }

    public func batches(from sequence: UInt64, limit: Int) async throws -> [EntryBatch] {
        let rows = try await client.query("""
            SELECT first_sequence, last_sequence, entries FROM batches
            WHERE last_sequence >= \(Int64(clamping: sequence)) ORDER BY first_sequence LIMIT \(limit)
            """)
        var batches: [EntryBatch] = []
        for try await (first, last, entries) in rows.decode((Int64, Int64, Data).self) {
            batches.append(EntryBatch(firstSequence: UInt64(clamping: first), lastSequence: UInt64(clamping: last), bytes: [UInt8](entries)))
        }
        return batches
    }

    public func lastBatch() async throws -> EntryBatch? {
        let rows = try await client.query(
            "SELECT first_sequence, last_sequence, entries FROM batches ORDER BY first_sequence DESC LIMIT 1")
        for try await (first, last, entries) in rows.decode((Int64, Int64, Data).self) {
            return EntryBatch(firstSequence: UInt64(clamping: first), lastSequence: UInt64(clamping: last), bytes: [UInt8](entries))
        }
        return nil
    }

    public func save(_ snapshot: StoredSnapshot) async throws {
        let sequence = Int64(clamping: snapshot.sequence)
        let entryChecksum = Int64(snapshot.entryChecksum)
        let checksum = Int64(snapshot.checksum)
        let state = Data(snapshot.state)
        try await client.query("""
            INSERT INTO snapshots (sequence, entry_checksum, state_hash, checksum, state)
            VALUES (\(sequence), \(entryChecksum), \(snapshot.stateHash), \(checksum), \(state))
            ON CONFLICT (sequence) DO UPDATE SET entry_checksum = EXCLUDED.entry_checksum,
                state_hash = EXCLUDED.state_hash, checksum = EXCLUDED.checksum, state = EXCLUDED.state
            """)
    }

    public func snapshotSequences() async throws -> [UInt64] {
        let rows = try await client.query("SELECT sequence FROM snapshots ORDER BY sequence DESC")
        var sequences: [UInt64] = []
        for try await sequence in rows.decode(Int64.self) { sequences.append(UInt64(clamping: sequence)) }
        return sequences
    }

    public func snapshot(at sequence: UInt64) async throws -> StoredSnapshot? {
        let rows = try await client.query("""
            SELECT sequence, entry_checksum, state_hash, checksum, state FROM snapshots
            WHERE sequence = \(Int64(clamping: sequence))
            """)
        for try await (stored, entryChecksum, stateHash, checksum, state) in rows.decode((Int64, Int64, String, Int64, Data).self) {
            return StoredSnapshot(
                sequence: UInt64(clamping: stored), entryChecksum: UInt32(truncatingIfNeeded: entryChecksum), stateHash: stateHash,
                state: [UInt8](state), checksum: UInt32(truncatingIfNeeded: checksum))
        }
        return nil
    }

    public func close() async throws {
        running.cancel()
        await running.value
    }

    private static let logger = Logger(label: "backstop.journal.postgres")
}

/// The parts of a `postgres://user:password@host:port/database` URL.
struct PostgresAddress {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String?

    init(_ text: String) throws(PostgresURLError) {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme), let host = url.host,
              !host.isEmpty, let user = url.user
        else {
            throw PostgresURLError(url: text)
        }
        self.host = host
        port = url.port ?? 5432
        self.user = user
        password = url.password
        database = url.path.count > 1 ? String(url.path.dropFirst()) : nil
    }
}

/// A PostgreSQL server that could not be reached or refused the connection, with its reason.
public struct PostgresConnectionError: Error, Sendable, CustomStringConvertible {
    /// The URL as given.
    public var url: String
    /// The server's message, or the connection's failure.
    public var reason: String

    init(url: String, error: any Error) {
        self.url = url
        if let error = error as? PSQLError {
            reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
        } else {
            reason = "\(error)"
        }
    }

    public var description: String { "cannot connect to \(url): \(reason)" }
}

/// A PostgreSQL URL the journal cannot use.
public struct PostgresURLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL as given.
    public var url: String

    public var description: String {
        "'\(url)' is not a PostgreSQL URL: expected postgres://user:password@host:port/database"
    }
}
