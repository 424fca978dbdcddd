import ArgumentParser
import BackstopJournal
import BackstopServer
import Logging

/// `backstop serve CONFIG`: runs the venue behind a Binance-compatible HTTP and WebSocket API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a venue with a Binance USD-M compatible API (REST and WebSocket) and a risk page at /.",
        discussion: """
            CONFIG is a JSON file naming the markets, insurance funds, trader keys and the admin key; see
            docs/server.md. The state is rebuilt from the journal (a SQLite file by default, or a
            postgres:// URL) and every command is durably journaled before its answer is sent.
            """)

    @Argument(help: "The configuration file.")
    var config: String

    @Option(help: "Listen on this port instead of the configuration's (0: any free port).")
    var port: Int?

    @Option(help: "Journal here instead of where the configuration says: a SQLite file or a postgres:// URL.")
    var journal: String?

    func run() async throws {
        var configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.load(config)
        } catch let error as ConfigurationError {
            throw UserError(error.description)
        }
        if let port { configuration.port = port }
        if let journal { configuration.journal = journal }
        let logger = Logger(label: "backstop.serve")
        let server: VenueServer
        do {
            server = try await VenueServer.start(configuration, logger: logger)
        } catch let corruption as JournalCorruption {
            throw UserError("\(configuration.journal): \(corruption); nothing is served")
        } catch let error as ConfigurationError {
            throw UserError(error.description)
        }
        logger.notice(
            "journal \(configuration.journal): \(server.recovered.replayed) entries replayed, at entry \(server.recovered.position.sequence)")
        try await server.run(host: configuration.host, port: configuration.port, logger: logger)
    }
}
