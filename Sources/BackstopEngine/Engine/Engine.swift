import BackstopCore

/// The venue as a deterministic state machine: `apply(command) -> [Event]`.
///
/// The engine never reads a clock (time arrives in commands), never uses unseeded randomness and
/// never lets hash-table order reach an output. A rejected command changes nothing and answers with
/// one ``Event/rejected(_:)`` event. The same commands always give the same events and the same
/// ``stateHash``.
public struct Engine: Sendable, Codable {
    /// The time of the last accepted command.
    public internal(set) var time: Timestamp = 0
    /// Markets in creation order.
    public internal(set) var markets: [MarketState] = []
    var marketIndexBySymbol: [String: Int] = [:]
    /// Accounts in creation order.
    public internal(set) var accounts: [Account] = []
    var accountIndexByID = AccountDirectory()
    /// Fees collected from trades.
    public internal(set) var feeBalance: Money = .zero
    /// Insurance fund pools in creation order.
    public internal(set) var insurancePools: [InsurancePool] = []
    var poolIndexByName: [String: Int] = [:]
    /// Every deleveraging request made, oldest first.
    public internal(set) var deleveragingRequests: [DeleveragingRequest] = []
    /// Everything ever deposited.
    public internal(set) var totalDeposits: Money = .zero
    /// Everything ever withdrawn.
    public internal(set) var totalWithdrawals: Money = .zero
    var nextOrderID: UInt64 = 1
    var nextTradeID: UInt64 = 1
    /// Work the current command left for the risk pass; empty between commands.
    var riskWork = RiskWork()
    /// What the last command's risk pass looked at: the cost of detection, for benchmarks and tests.
    public internal(set) var lastRiskPass = RiskPassReport()

    /// Leverage of a market slot the account has not set (Binance's default), capped by the market.
    public static let defaultLeverage = 20
    /// The most open orders one account may have in one market.
    public static let maxOpenOrdersPerMarket = 200
    /// The largest notional one account's position and orders in a market may reach together, so that
    /// every sum the engine forms over them fits.
    public static let maxReachNotional = Money(units: 90_000_000_000)
    /// The latest time a command may carry: the end of the year 9999, in milliseconds.
    public static let latestTime: Timestamp = 253_402_300_799_999
    /// The largest single deposit or withdrawal.
    public static let maxTransfer = Money(units: 10_000_000_000)

    /// Creates an engine with no markets and no accounts.
    public init() {}

    /// Everything but the risk pass's scratch space (empty between commands) and its report (about
    /// the last command only): what a snapshot holds.
    enum CodingKeys: String, CodingKey {
        case time, markets, marketIndexBySymbol, accounts, accountIndexByID, feeBalance, insurancePools
        case poolIndexByName, deleveragingRequests, totalDeposits, totalWithdrawals, nextOrderID, nextTradeID
    }

    /// Applies one command and returns what happened.
    public mutating func apply(_ command: Command) -> [Event] {
        var events: [Event] = []
        apply(command, into: &events)
        return events
    }

    /// Applies one command and appends what happened to `events`: exactly what ``apply(_:)`` returns.
    ///
    /// A caller that applies many commands can empty one array between them (keeping its capacity)
    /// instead of receiving a new array per command.
    public mutating func apply(_ command: Command, into events: inout [Event]) {
        guard command.time <= Engine.latestTime else {
            events.append(.rejected(Rejection(.malformed, "time \(command.time) is after the year 9999")))
            return
        }
        guard command.time >= time else {
            events.append(.rejected(Rejection(
                .timeWentBackwards, "time \(command.time) is before the engine's time \(time)")))
            return
        }
        let saved = time
        let start = events.count
        time = command.time
        do {
            try perform(command.action, into: &events)
        } catch {
            time = saved
            events.removeSubrange(start...)
            events.append(.rejected(error))
            return
        }
        runRiskChecks(into: &events)
    }

    /// Carries out an action. Every handler checks everything before it changes anything, so a
    /// thrown rejection leaves the state as it was.
    private mutating func perform(_ action: Command.Action, into events: inout [Event]) throws(Rejection) {
        switch action {
        case .createMarket(let spec): try createMarket(spec, into: &events)
        case .createInsuranceFund(let spec): try createInsuranceFund(spec, into: &events)
        case .deposit(let body): try deposit(body, into: &events)
        case .withdraw(let body): try withdraw(body, into: &events)
        case .setLeverage(let body): try setLeverage(body, into: &events)
        case .setMarginMode(let body): try setMarginMode(body, into: &events)
        case .adjustIsolatedMargin(let body): try adjustIsolatedMargin(body, into: &events)
        case .placeOrder(let body): try placeOrder(body, into: &events)
        case .cancelOrder(let body): try cancelOrder(body, into: &events)
        case .cancelAllOrders(let body): try cancelAllOrders(body, into: &events)
        case .amendOrder(let body): try amendOrder(body, into: &events)
        case .indexPrice(let body): try updateIndexPrice(body, into: &events)
        case .settleFunding(let body): try settleFunding(body, into: &events)
        }
    }
}
