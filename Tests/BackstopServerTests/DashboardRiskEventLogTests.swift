import BackstopCore
import Testing

@testable import BackstopEngine
@testable import BackstopServer

@Suite("The risk event log turns liquidation and deleveraging events into the page's entries, and keeps the last ones")
struct DashboardRiskEventLogTests {
    static let alice = AccountID(1)
    static let bob = AccountID(2)
    static let carol = AccountID(3)
    static let vault = AccountID(950)

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var events: [Event]
        var expected: [RiskEventLog.Entry]
        var testDescription: String { name }
    }

    static let step = LiquidationStep(
        account: alice, symbol: "ETHUSDT", orderId: OrderID(7), side: .sell, quantity: .decimal("10"), position: .decimal("10"),
        bankruptcyPrice: .decimal("900"), markPrice: .decimal("940"), partialMode: .full)

    static func trade(taker: OrderID, maker: AccountID, _ quantity: String, at price: String, kind: TradeKind = .liquidation) -> Event {
        .trade(
            Trade(
                tradeId: 1, kind: kind, symbol: "ETHUSDT", price: .decimal(price), quantity: .decimal(quantity), takerSide: .sell,
                takerOrderId: taker, takerAccount: alice, makerOrderId: OrderID(3), makerAccount: maker, takerFee: .zero,
                makerFee: .zero, takerRealizedPnL: .zero, makerRealizedPnL: .zero, takerPosition: .zero, makerPosition: .zero))
    }

    static let request = DeleveragingRequest(
        id: 1, account: alice, symbol: "ETHUSDT", positionSide: .buy, quantity: .decimal("4"), bankruptcyPrice: .decimal("900"),
        markPrice: .decimal("880"), shortfall: .decimal("80"))

    static let cases: [Case] = [
        Case(
            name: "a liquidation step lists the makers its order filled, and no other trade",
            events: [
                .liquidationStep(step), trade(taker: OrderID(7), maker: bob, "6", at: "930"),
                trade(taker: OrderID(8), maker: carol, "1", at: "930"),
                trade(taker: OrderID(7), maker: carol, "4", at: "920", kind: .match),
            ],
            expected: [
                RiskEventLog.Entry(
                    time: 5, kind: .liquidationStep, account: alice, symbol: "ETHUSDT", side: .long, quantity: .decimal("10"),
                    price: .decimal("900"), markPrice: .decimal("940"),
                    absorbers: [RiskEventLog.Absorber(kind: .book, account: bob, quantity: .decimal("6"), price: .decimal("930"))],
                    note: "order 7 closes 10 of 10 (full)")
            ]),
        Case(
            name: "a deleveraging round lists its policy, each counterparty's haircut and what was left uncovered",
            events: [
                .deleveraged(
                    DeleveragingRound(
                        request: request, policy: .proRata, executionPrice: .decimal("900"), markPrice: .decimal("880"),
                        candidatesConsidered: 3,
                        counterparties: [
                            DeleveragedCounterparty(
                                account: bob, positionBefore: .decimal("-3"), closed: .decimal("3"), price: .decimal("900"), haircut: .decimal("60"),
                                profit: .decimal("360"), haircutFraction: nil, score: nil),
                            DeleveragedCounterparty(
                                account: carol, positionBefore: .decimal("-1"), closed: .decimal("1"), price: .decimal("900"),
                                haircut: .decimal("19.5"), profit: .decimal("120"), haircutFraction: nil, score: nil),
                        ],
                        totalClosed: .decimal("4"), totalHaircut: .decimal("79.5"), expectedHaircut: .decimal("80"),
                        roundingDifference: .decimal("-0.5"), uncovered: .decimal("0.5")))
            ],
            expected: [
                RiskEventLog.Entry(
                    time: 5, kind: .deleveraged, account: alice, symbol: "ETHUSDT", side: .long, quantity: .decimal("4"),
                    price: .decimal("900"), markPrice: .decimal("880"), policy: .proRata, amount: .decimal("80"),
                    absorbers: [
                        RiskEventLog.Absorber(kind: .counterparty, account: bob, quantity: .decimal("3"), price: .decimal("900"), amount: .decimal("60")),
                        RiskEventLog.Absorber(
                            kind: .counterparty, account: carol, quantity: .decimal("1"), price: .decimal("900"), amount: .decimal("19.5")),
                        RiskEventLog.Absorber(kind: .uncovered, amount: .decimal("0.5")),
                    ],
                    note: "request 1: 2 of 3 candidates closed 4, haircuts 79.5")
            ]),
        Case(
            name: "a fund takeover names the pool and its immediate loss",
            events: [
                .fundTakeover(
                    FundTakeover(
                        pool: "main", account: alice, symbol: "ETHUSDT", side: .buy, quantity: .decimal("10"), price: .decimal("900"),
                        markPrice: .decimal("890"), immediateLoss: .decimal("100")))
            ],
            expected: [
                RiskEventLog.Entry(
                    time: 5, kind: .fundTakeover, account: alice, symbol: "ETHUSDT", side: .long, quantity: .decimal("10"),
                    price: .decimal("900"), markPrice: .decimal("890"), amount: .decimal("100"),
                    absorbers: [
                        RiskEventLog.Absorber(kind: .fund, pool: "main", quantity: .decimal("10"), price: .decimal("900"), amount: .decimal("100"))
                    ],
                    note: "fund 'main' took 10 at 900, losing 100 against the mark")
            ]),
        Case(
            name: "bad debt splits into what the fund paid and what is left uncovered",
            events: [
                .badDebt(BadDebt(account: carol, symbol: nil, amount: .decimal("50"), pool: "main", coveredByFund: .decimal("30"), uncovered: .decimal("20")))
            ],
            expected: [
                RiskEventLog.Entry(
                    time: 5, kind: .badDebt, account: carol, amount: .decimal("50"),
                    absorbers: [
                        RiskEventLog.Absorber(kind: .fund, pool: "main", amount: .decimal("30")),
                        RiskEventLog.Absorber(kind: .uncovered, amount: .decimal("20")),
                    ],
                    note: "fund paid 30, uncovered 20")
            ]),
        Case(
            name: "a vault takeover gives one entry per position, the margin on the first",
            events: [
                .vaultTakeover(
                    VaultTakeover(
                        vault: vault, account: carol, marginMode: .cross,
                        positions: [
                            .init(symbol: "ETHUSDT", quantity: .decimal("-2"), price: .decimal("1000")),
                            .init(symbol: "BTCUSDT", quantity: .decimal("0.1"), price: .decimal("65000")),
                        ], marginTransferred: .decimal("-12")))
            ],
            expected: [
                RiskEventLog.Entry(
                    time: 5, kind: .vaultTakeover, account: carol, symbol: "ETHUSDT", side: .short, quantity: .decimal("2"),
                    price: .decimal("1000"), markPrice: .decimal("1000"), amount: .decimal("-12"),
                    absorbers: [RiskEventLog.Absorber(kind: .vault, account: vault, quantity: .decimal("2"), price: .decimal("1000"))],
                    note: "vault 950 took -2 cross with margin -12"),
                RiskEventLog.Entry(
                    time: 5, kind: .vaultTakeover, account: carol, symbol: "BTCUSDT", side: .long, quantity: .decimal("0.1"),
                    price: .decimal("65000"), markPrice: .decimal("65000"),
                    absorbers: [RiskEventLog.Absorber(kind: .vault, account: vault, quantity: .decimal("0.1"), price: .decimal("65000"))],
                    note: "vault 950 took 0.1 cross"),
            ]),
        Case(
            name: "a liquidation's start gives the equity against maintenance margin",
            events: [
                .liquidationStarted(
                    LiquidationStarted(account: alice, marginMode: .isolated, symbol: "ETHUSDT", equity: .decimal("-5"), maintenanceMargin: .decimal("47")))
            ],
            expected: [
                RiskEventLog.Entry(
                    time: 5, kind: .liquidationStarted, account: alice, symbol: "ETHUSDT", amount: .decimal("-5"),
                    note: "isolated: equity -5 below maintenance margin 47")
            ]),
        Case(
            name: "ordinary trading adds nothing",
            events: [trade(taker: OrderID(7), maker: bob, "1", at: "1000", kind: .match)],
            expected: []),
    ]

    @Test("each event becomes its entry", arguments: cases)
    func entries(_ test: Case) {
        var log = RiskEventLog()
        log.record(Command(time: 5, .settleFunding(SettleFunding(symbol: "ETHUSDT"))), test.events)
        var expected = test.expected
        for index in expected.indices { expected[index].id = UInt64(index + 1) }
        #expect(log.entries == expected)
        #expect(log.commandsRecorded == 1)
    }

    @Test("the log keeps its last entries, numbered in order, and counts every command")
    func bounded() {
        var log = RiskEventLog(capacity: 3)
        let funding = Command(time: 1, .settleFunding(SettleFunding(symbol: "ETHUSDT")))
        for time in 1...5 {
            let started = LiquidationStarted(
                account: AccountID(UInt64(time)), marginMode: .cross, symbol: nil, equity: .zero, maintenanceMargin: .decimal("1"))
            log.record(Command(time: Timestamp(time), funding.action), [.liquidationStarted(started)])
            log.record(funding, [])
        }
        #expect(log.entries.map(\.id) == [3, 4, 5])
        #expect(log.entries.map(\.account) == [AccountID(3), AccountID(4), AccountID(5)])
        #expect(log.entries.map(\.time) == [3, 4, 5])
        #expect(log.commandsRecorded == 10)
    }
}
