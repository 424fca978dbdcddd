import BackstopJournal
import Foundation

/// The storage backends every journal test runs against. SQLite always; PostgreSQL too when
/// `BACKSTOP_TEST_POSTGRES_URL` names a server to use.
enum StorageBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite

    var description: String { rawValue }

    /// The backends available in this run.
    static var available: [StorageBackend] { [.sqlite] }

    /// A new, empty journal store, with the directory that holds its files.
    func makeEmpty(in directory: TemporaryDirectory) async throws -> any JournalStorage {
        switch self {
        case .sqlite: try SQLiteJournalStorage(path: directory.path("venue.sqlite"))
        }
    }

    /// The same store opened again, as a restarted process would.
    func reopen(in directory: TemporaryDirectory) async throws -> any JournalStorage {
        switch self {
        case .sqlite: try SQLiteJournalStorage(path: directory.path("venue.sqlite"))
        }
    }
}
