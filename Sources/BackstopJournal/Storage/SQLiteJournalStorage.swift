import Foundation
import GRDB

/// A journal in one SQLite file, in WAL mode with synchronous commits: the embedded default.
///
/// Batches are rows keyed by their first sequence number; snapshots are rows keyed by theirs.
public final class SQLiteJournalStorage: JournalStorage {
    private let database: DatabasePool

    /// Opens or creates the journal at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "journal"
        configuration.prepareDatabase { db in
            // Every commit is on disk before it returns, even if the machine loses power.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE batches (
                    first_sequence INTEGER PRIMARY KEY,
                    last_sequence INTEGER NOT NULL,
                    entries BLOB NOT NULL);
                CREATE TABLE snapshots (
                    sequence INTEGER PRIMARY KEY,
                    entry_checksum INTEGER NOT NULL,
                    state_hash TEXT NOT NULL,
                    checksum INTEGER NOT NULL,
                    state BLOB NOT NULL);
                """)
        }
        try migrator.migrate(database)
    }

    public func append(_ batch: EntryBatch) async throws {
        try await database.write { db in
            let end = try Int64.fetchOne(db, sql: "SELECT last_sequence FROM batches ORDER BY first_sequence DESC LIMIT 1") ?? 0
            guard end + 1 == Int64(clamping: batch.firstSequence) else {
                throw JournalAppendConflict(batchStart: batch.firstSequence, storedEnd: UInt64(clamping: end))
            }
            try db.execute(
                sql: "INSERT INTO batches (first_sequence, last_sequence, entries) VALUES (?, ?, ?)",
                arguments: [Int64(batch.firstSequence), Int64(batch.lastSequence), Data(batch.bytes)])
        }
    }

    public func batches(from sequence: UInt64, limit: Int) async throws -> [EntryBatch] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT first_sequence, last_sequence, entries FROM batches
                    WHERE last_sequence >= ? ORDER BY first_sequence LIMIT ?
                    """,
                arguments: [Int64(clamping: sequence), limit]
            ).map(Self.batch)
        }
    }

    public func lastBatch() async throws -> EntryBatch? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT first_sequence, last_sequence, entries FROM batches ORDER BY first_sequence DESC LIMIT 1"
            ).map(Self.batch)
        }
    }

    public func save(_ snapshot: StoredSnapshot) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO snapshots (sequence, entry_checksum, state_hash, checksum, state)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Int64(snapshot.sequence), Int64(snapshot.entryChecksum), snapshot.stateHash,
                    Int64(snapshot.checksum), Data(snapshot.state),
                ])
        }
    }

    public func snapshotSequences() async throws -> [UInt64] {
        try await database.read { db in
            try Int64.fetchAll(db, sql: "SELECT sequence FROM snapshots ORDER BY sequence DESC").map { UInt64(clamping: $0) }
        }
    }

    public func snapshot(at sequence: UInt64) async throws -> StoredSnapshot? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT sequence, entry_checksum, state_hash, checksum, state FROM snapshots WHERE sequence = ?",
                arguments: [Int64(clamping: sequence)]
            ).map { row in
                StoredSnapshot(
                    sequence: UInt64(clamping: row["sequence"] as Int64), entryChecksum: UInt32(truncatingIfNeeded: row["entry_checksum"] as Int64),
                    stateHash: row["state_hash"], state: [UInt8](row["state"] as Data),
                    checksum: UInt32(truncatingIfNeeded: row["checksum"] as Int64))
            }
        }
    }

    /// Moves everything from the write-ahead log into the database file, so that a cleanly closed
    /// journal is one self-contained file, and closes it.
    public func close() async throws {
        _ = try await database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try database.close()
    }

    private static func batch(_ row: Row) -> EntryBatch {
        EntryBatch(
            firstSequence: UInt64(clamping: row["first_sequence"] as Int64), lastSequence: UInt64(clamping: row["last_sequence"] as Int64),
            bytes: [UInt8](row["entries"] as Data))
    }
}
