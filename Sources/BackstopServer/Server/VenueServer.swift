import BackstopCore
import BackstopEngine
import BackstopJournal
import Hummingbird
import HummingbirdWebSocket
import Logging

/// A running venue: the journal recovered, the configured markets listed, and the HTTP and
/// WebSocket API in front of the one sequencer.
public struct VenueServer: Sendable {
    /// The services the routes share.
    public let services: VenueServices
    /// The journal, closed when the server stops.
    public let storage: any JournalStorage
    /// What recovery found.
    public let recovered: RecoveredVenue

    /// Opens the journal, rebuilds the state from it, and lists what the configuration names and
    /// the journal lacks: insurance funds, markets, and the first deposits of trader accounts.
    ///
    /// - Throws: a ``ConfigurationError`` or the journal's own error; nothing is served then.
    public static func start(
        _ configuration: ServerConfiguration, clock: any VenueClock = WallClock(),
        logger: Logger = Logger(label: "backstop.server")
    ) async throws -> VenueServer {
        let storage = try await JournalLocation(configuration.journal).open()
        var history = VenueHistory()
        let recovered = try await Recovery.recover(from: storage) { _, command, events in
            if case .rejected = events.first { return }
            history.record(command, events)
        }
        let writer = JournalWriter(storage: storage, after: recovered.position.sequence, checksum: recovered.position.checksum)
        let hub = StreamHub()
        let venue = Venue(
            engine: recovered.engine, history: history, writer: writer, storage: storage,
            snapshotEvery: configuration.snapshotEvery, clock: clock, streams: hub, logger: logger)
        let keys = try KeyStore(admin: configuration.adminKey, traders: configuration.traders, file: configuration.keyFile)
        let services = VenueServices(
            venue: venue, authenticator: RequestAuthenticator(keys: keys, limits: configuration.limits, clock: clock),
            hub: hub)
        try await listConfigured(configuration, on: venue)
        return VenueServer(services: services, storage: storage, recovered: recovered)
    }

    private static func listConfigured(_ configuration: ServerConfiguration, on venue: Venue) async throws {
        for fund in configuration.insuranceFunds
        where await venue.read({ engine, _ in engine.insurancePool(fund.name) == nil }) {
            try await expectAccepted(venue.submit(.createInsuranceFund(fund)), "insurance fund \(fund.name)")
        }
        for market in configuration.markets where await venue.read({ engine, _ in engine.market(market.symbol) == nil }) {
            try await expectAccepted(venue.submit(.createMarket(market)), "market \(market.symbol)")
        }
        for trader in configuration.traders {
            guard let amount = trader.deposit,
                await venue.read({ engine, _ in engine.account(trader.account) == nil })
            else { continue }
            try await expectAccepted(
                venue.submit(.deposit(Deposit(account: trader.account, amount: amount))), "deposit of account \(trader.account)")
        }
    }

    private static func expectAccepted(_ events: [Event], _ what: String) throws {
        if case .rejected(let rejection) = events.first {
            throw ConfigurationError("\(what): \(rejection.message)")
        }
    }

    /// The router with every route of the API.
    public func router() -> Router<VenueRequestContext> {
        let router = Router(context: VenueRequestContext.self)
        router.middlewares.add(APIErrorMiddleware())
        MarketDataRoutes.register(on: router, services: services)
        TradingRoutes.register(on: router, services: services)
        AccountRoutes.register(on: router, services: services)
        AdminRoutes.register(on: router, services: services)
        DashboardRoutes.register(on: router, services: services)
        StreamRoutes.register(on: router, services: services)
        return router
    }

    /// The application serving the API on `host:port`, with the publisher of stream messages.
    public func application(
        host: String, port: Int, logger: Logger = Logger(label: "backstop.server")
    ) -> some ApplicationProtocol {
        let router = router()
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "backstop"),
            services: [StreamPublisher(venue: services.venue, hub: services.hub)],
            onServerRunning: { channel in
                logger.notice("serving on \(channel.localAddress.map { "\($0)" } ?? "\(host):\(port)")")
            },
            logger: logger)
    }

    /// Serves the API on `host:port` until the process is stopped, then closes the journal.
    public func run(host: String, port: Int, logger: Logger = Logger(label: "backstop.server")) async throws {
        try await application(host: host, port: port, logger: logger).runService()
        try await storage.close()
    }
}
