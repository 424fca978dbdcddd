import BackstopCore
import Testing

/// Hand-worked vectors for REFERENCE section 1 on the btcusdt fixture.
@Suite("Margin math: notional, margins, PnL")
struct MarginMathTests {
    static let spec = Fixtures.btcusdt

    struct Notional: Sendable, CustomTestStringConvertible {
        let name: String
        let quantity: String
        let price: String
        let expected: String
        var testDescription: String { name }
    }

    static let notionals: [Notional] = [
        // 1 × 65,000.1
        Notional(name: "one BTC", quantity: "1", price: "65000.1", expected: "65000.1"),
        // |−2.5| × 40,000 = 100,000
        Notional(name: "short is positive", quantity: "-2.5", price: "40000", expected: "100000"),
        // 0.001 × 65,000.1 = 65.0001
        Notional(name: "one lot", quantity: "0.001", price: "65000.1", expected: "65.0001"),
        // 0.00000003 × 0.5 = 0.000000015 ↑ 0.00000002
        Notional(name: "rounds up", quantity: "0.00000003", price: "0.5", expected: "0.00000002"),
        // |−0.00000003| × 0.5 = 0.000000015 ↑ 0.00000002 (magnitude first, then round up)
        Notional(name: "short rounds up too", quantity: "-0.00000003", price: "0.5", expected: "0.00000002"),
    ]

    @Test("notional = |q| × price, rounded up", arguments: notionals)
    func notional(_ c: Notional) {
        #expect(MarginMath.notional(quantity(c.quantity), at: price(c.price)) == money(c.expected))
    }

    struct Initial: Sendable, CustomTestStringConvertible {
        let name: String
        let notional: String
        let leverage: Int
        let expected: String
        var testDescription: String { name }
    }

    static let initials: [Initial] = [
        // 65,000.1 / 125 = 520.0008
        Initial(name: "125x exact", notional: "65000.1", leverage: 125, expected: "520.0008"),
        // 10,000 / 3 = 3,333.333333333… ↑ 3,333.33333334
        Initial(name: "3x rounds up", notional: "10000", leverage: 3, expected: "3333.33333334"),
        // 0.00000001 / 2 = 0.000000005 ↑ 0.00000001
        Initial(name: "smallest unit rounds up", notional: "0.00000001", leverage: 2, expected: "0.00000001"),
        // 100 / 1
        Initial(name: "1x is the whole notional", notional: "100", leverage: 1, expected: "100"),
        // 1,000,000 / 20 = 50,000
        Initial(name: "20x at the last floor", notional: "1000000", leverage: 20, expected: "50000"),
        Initial(name: "zero notional", notional: "0", leverage: 10, expected: "0"),
    ]

    @Test("initial margin = notional / leverage, rounded up", arguments: initials)
    func initialMargin(_ c: Initial) {
        #expect(MarginMath.initialMargin(notional: money(c.notional), leverage: c.leverage) == money(c.expected))
    }

    struct Maintenance: Sendable, CustomTestStringConvertible {
        let name: String
        let notional: String
        let expected: String
        var testDescription: String { name }
    }

    static let maintenances: [Maintenance] = [
        Maintenance(name: "zero", notional: "0", expected: "0"),
        // 10,000 × 0.004 − 0
        Maintenance(name: "tier 0", notional: "10000", expected: "40"),
        // 123.45678901 × 0.004 = 0.49382715604 ↑ 0.49382716
        Maintenance(name: "tier 0 rounds up", notional: "123.45678901", expected: "0.49382716"),
        // 0.00000001 × 0.004 = 0.00000000004 ↑ 0.00000001
        Maintenance(name: "smallest notional rounds up", notional: "0.00000001", expected: "0.00000001"),
        // 49,999.99999999 × 0.004 = 199.99999999996 ↑ 200
        Maintenance(name: "one unit below the first floor", notional: "49999.99999999", expected: "200"),
        // 50,000 × 0.005 − 50 = 200
        Maintenance(name: "at the first floor", notional: "50000", expected: "200"),
        // 65,000.1 × 0.005 − 50 = 325.0005 − 50
        Maintenance(name: "tier 1", notional: "65000.1", expected: "275.0005"),
        // 100,000 × 0.005 − 50
        Maintenance(name: "tier 1 round number", notional: "100000", expected: "450"),
        // 250,000 × 0.01 − 1,300
        Maintenance(name: "at the second floor", notional: "250000", expected: "1200"),
        // 600,000 × 0.01 − 1,300
        Maintenance(name: "tier 2", notional: "600000", expected: "4700"),
        // 1,000,000 × 0.025 − 16,300
        Maintenance(name: "at the third floor", notional: "1000000", expected: "8700"),
        // 2,000,000 × 0.025 − 16,300
        Maintenance(name: "tier 3", notional: "2000000", expected: "33700"),
    ]

    @Test("maintenance margin = notional × MMR − cum of the tier", arguments: maintenances)
    func maintenanceMargin(_ c: Maintenance) {
        #expect(MarginMath.maintenanceMargin(notional: money(c.notional), spec: Self.spec) == money(c.expected))
    }

    struct Floor: Sendable, CustomTestStringConvertible {
        let name: String
        let index: Int
        let marginAtFloor: String
        var testDescription: String { name }
    }

    static let floors: [Floor] = [
        // 50,000 × 0.004 = 50,000 × 0.005 − 50 = 200
        Floor(name: "50,000", index: 1, marginAtFloor: "200"),
        // 250,000 × 0.005 − 50 = 250,000 × 0.01 − 1,300 = 1,200
        Floor(name: "250,000", index: 2, marginAtFloor: "1200"),
        // 1,000,000 × 0.01 − 1,300 = 1,000,000 × 0.025 − 16,300 = 8,700
        Floor(name: "1,000,000", index: 3, marginAtFloor: "8700"),
    ]

    @Test("maintenance margin is continuous across a floor", arguments: floors)
    func continuity(_ c: Floor) {
        let tiers = Self.spec.riskTiers
        let floor = tiers[c.index].notionalFloor
        let below = floor - Money(raw: 1)
        let atFloor = MarginMath.maintenanceMargin(notional: floor, spec: Self.spec)
        let justBelow = MarginMath.maintenanceMargin(notional: below, spec: Self.spec)
        #expect(Self.spec.tier(forNotional: below) == tiers[c.index - 1])
        #expect(atFloor == money(c.marginAtFloor))
        #expect(atFloor >= justBelow)
        #expect((atFloor - justBelow).raw <= 1)
        // Both tiers' formulas agree at the floor.
        #expect(MarginMath.maintenanceMargin(notional: floor, tier: tiers[c.index - 1]) == atFloor)
    }

    @Test("maintenance margin with a given tier is never negative")
    func neverNegative() {
        let tiers = Self.spec.riskTiers
        // 100 × 0.025 − 16,300 < 0 → 0
        #expect(MarginMath.maintenanceMargin(notional: money("100"), tier: tiers[3]) == .zero)
        // 5,000 × 0.005 − 50 = −25 → 0
        #expect(MarginMath.maintenanceMargin(notional: money("5000"), tier: tiers[1]) == .zero)
        // 20,000 × 0.005 − 50 = 50: positive values pass through
        #expect(MarginMath.maintenanceMargin(notional: money("20000"), tier: tiers[1]) == money("50"))
    }

    struct PnL: Sendable, CustomTestStringConvertible {
        let name: String
        let quantity: String
        let cost: String
        let mark: String
        let expected: String
        var testDescription: String { name }
    }

    static let pnls: [PnL] = [
        // 1 × 65,000 − 60,000
        PnL(name: "long in profit", quantity: "1", cost: "60000", mark: "65000", expected: "5000"),
        // 0.5 × 58,000.5 − 30,000 = 29,000.25 − 30,000
        PnL(name: "long at a loss", quantity: "0.5", cost: "30000", mark: "58000.5", expected: "-999.75"),
        // −2 × 65,000 − (−120,000)
        PnL(name: "short at a loss", quantity: "-2", cost: "-120000", mark: "65000", expected: "-10000"),
        // −2 × 55,000 − (−120,000)
        PnL(name: "short in profit", quantity: "-2", cost: "-120000", mark: "55000", expected: "10000"),
        // 0.00000003 × 0.5 = 0.000000015 ↓ 0.00000001
        PnL(name: "long rounds down", quantity: "0.00000003", cost: "0", mark: "0.5", expected: "0.00000001"),
        // −0.00000003 × 0.5 = −0.000000015 ↓ −0.00000002 (against the short too)
        PnL(name: "short rounds down", quantity: "-0.00000003", cost: "0", mark: "0.5", expected: "-0.00000002"),
    ]

    @Test("unrealized PnL = q × mark − cost, rounded against the holder", arguments: pnls)
    func unrealizedPnL(_ c: PnL) {
        let pnl = MarginMath.unrealizedPnL(quantity: quantity(c.quantity), cost: money(c.cost), mark: price(c.mark))
        #expect(pnl == money(c.expected))
    }

    struct Entry: Sendable, CustomTestStringConvertible {
        let name: String
        let quantity: String
        let cost: String
        let expected: String?
        var testDescription: String { name }
    }

    static let entries: [Entry] = [
        // 100 / 3 = 33.333333333… → 33.33333333
        Entry(name: "long, remainder below half", quantity: "3", cost: "100", expected: "33.33333333"),
        // 200 / 3 = 66.666666666… → 66.66666667
        Entry(name: "long, remainder above half", quantity: "3", cost: "200", expected: "66.66666667"),
        // −200 / −3
        Entry(name: "short", quantity: "-3", cost: "-200", expected: "66.66666667"),
        // 0.00000001 / 2 = 0.000000005: tie to even 0
        Entry(name: "tie to even down", quantity: "2", cost: "0.00000001", expected: "0"),
        // 0.00000003 / 2 = 0.000000015: tie to even 0.00000002
        Entry(name: "tie to even up", quantity: "2", cost: "0.00000003", expected: "0.00000002"),
        Entry(name: "flat", quantity: "0", cost: "0", expected: nil),
    ]

    @Test("entry price = cost / q, half-even; nil when flat", arguments: entries)
    func entryPrice(_ c: Entry) {
        #expect(MarginMath.entryPrice(quantity: quantity(c.quantity), cost: money(c.cost)) == c.expected.map(price))
    }
}
