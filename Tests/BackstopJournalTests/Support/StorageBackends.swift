import BackstopJournal
import Foundation
import PostgresNIO

/// The storage backends every journal test runs against. SQLite always; PostgreSQL too when
/// `BACKSTOP_TEST_POSTGRES_URL` names a server to use (`scripts/postgres start` prints one).
enum StorageBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    var description: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["BACKSTOP_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The backends available in this run.
    static var available: [StorageBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// A new, empty journal store, with the directory that holds its files (SQLite) or the name of its
    /// database (PostgreSQL).
    func makeEmpty(in directory: TemporaryDirectory) async throws -> any JournalStorage {
        switch self {
        case .sqlite:
            return try SQLiteJournalStorage(path: directory.path("venue.sqlite"))
        case .postgres:
            try await Self.createDatabase(directory.name)
            return try await reopen(in: directory)
        }
    }

    /// The same store opened again, as a restarted process would.
    func reopen(in directory: TemporaryDirectory) async throws -> any JournalStorage {
        switch self {
        case .sqlite: try SQLiteJournalStorage(path: location(in: directory))
        case .postgres: try await PostgresJournalStorage(url: location(in: directory))
        }
    }

    /// The journal's location as the command line takes it.
    func location(in directory: TemporaryDirectory) -> String {
        switch self {
        case .sqlite: directory.path("venue.sqlite")
        case .postgres: Self.url(database: directory.name)
        }
    }

    /// The server's URL with another database.
    static func url(database: String) -> String {
        var components = URLComponents(string: postgresURL!)!
        components.path = "/" + database
        return components.string!
    }

    private static func createDatabase(_ name: String) async throws {
        let server = URLComponents(string: postgresURL!)!
        let client = PostgresClient(configuration: .init(
            host: server.host!, port: server.port ?? 5432, username: server.user!, password: server.password,
            database: String(server.path.dropFirst()), tls: .disable))
        let running = Task { await client.run() }
        defer { running.cancel() }
        try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""))
    }
}
