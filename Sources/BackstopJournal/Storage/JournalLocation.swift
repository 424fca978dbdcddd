/// Where a journal is, as the command line and configuration files name it: a `postgres://` URL, or
/// the path of a SQLite file.
public enum JournalLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Reads a location: URLs starting `postgres://` or `postgresql://` name PostgreSQL, anything else
    /// a SQLite file.
    public init(_ text: String) {
        self = text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") ? .postgres(url: text) : .sqlite(path: text)
    }

    /// Opens the journal there, creating it if it does not exist.
    public func open() async throws -> any JournalStorage {
        switch self {
        case .sqlite(let path): try SQLiteJournalStorage(path: path)
        case .postgres(let url): try await PostgresJournalStorage(url: url)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }
}
