import BackstopCore
@testable import BackstopEngine
import Testing

/// Funding (REFERENCE section 4) in BTCUSDT with the mark equal to the index, due every 8 hours.
@Suite struct FundingTests {
    static let due: Timestamp = 28_800_000

    static func venue() -> TestVenue {
        TestVenue(markets: [Markets.btcusdtIndexMark], accounts: [Trader.alice, Trader.bob, Trader.carol, Trader.dave])
    }

    static let settle = Command.Action.settleFunding(SettleFunding(symbol: "BTCUSDT"))

    @Test("settlement is refused before the interval ends, accepted at its end, then refused until the next")
    func notDue() {
        var venue = Self.venue()
        let early = { (venue: inout TestVenue, time: Timestamp) -> (RejectReason?, Bool) in
            venue.clock = time - 1
            return venue.reject(Self.settle)
        }
        let first = early(&venue, Self.due - 1)
        #expect(first.0 == .fundingNotDue)
        #expect(first.1)
        let events = venue.apply(Self.settle, at: Self.due)
        #expect(events == [.fundingSettled(FundingSettled(
            symbol: "BTCUSDT", rate: .of("0.0001"), markPrice: .of("65000"), amount: .zero,
            nextFundingTime: 2 * Self.due))])
        let again = early(&venue, 2 * Self.due - 1)
        #expect(again.0 == .fundingNotDue)
        #expect(again.1)
        #expect(venue.apply(Self.settle, at: 2 * Self.due).first?.rejection == nil)
    }

    struct PremiumCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Carol's bid and dave's ask when the index is sampled, if any.
        var bid: String?
        var ask: String?
        var rate: String
        /// What alice (long 1 at 65000) receives; bob (short 1) receives the opposite.
        var alice: String
        var testDescription: String { name }
    }

    @Test("at the interval longs pay shorts notional × rate; the rate follows the premium", arguments: [
        PremiumCase(name: "no book: the interest rate, longs pay", bid: nil, ask: nil, rate: "0.0001", alice: "-6.5"),
        PremiumCase(name: "premium +0.03%, inside the clamp: the interest rate", bid: "65019", ask: "65020",
                    rate: "0.0001", alice: "-6.5"),
        PremiumCase(name: "premium +0.1%: longs pay 0.05%", bid: "65060", ask: "65070", rate: "0.0005",
                    alice: "-32.5"),
        PremiumCase(name: "premium −0.1%: shorts pay 0.05%", bid: "64930", ask: "64940", rate: "-0.0005",
                    alice: "32.5"),
        PremiumCase(name: "premium +1%: capped at 0.75%", bid: "65645", ask: "65655", rate: "0.0075",
                    alice: "-487.5"),
        PremiumCase(name: "premium −1%: capped at −0.75%", bid: "64345", ask: "64355", rate: "-0.0075",
                    alice: "487.5"),
    ])
    func premium(_ test: PremiumCase) {
        var venue = Self.venue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.market(Trader.alice, .buy, "1")
        if let bid = test.bid, let ask = test.ask {
            venue.limit(Trader.carol, .buy, "0.1", at: bid)
            venue.limit(Trader.dave, .sell, "0.1", at: ask)
        }
        venue.index("65000")
        let aliceCash = venue.account(Trader.alice).cash
        let bobCash = venue.account(Trader.bob).cash
        let events = venue.apply(Self.settle, at: Self.due)
        let received = Money.of(test.alice)
        #expect(events == [
            .fundingSettled(FundingSettled(
                symbol: "BTCUSDT", rate: .of(test.rate), markPrice: .of("65000"), amount: received.magnitude,
                nextFundingTime: 2 * Self.due)),
            .fundingPaid(FundingPaid(account: Trader.alice, symbol: "BTCUSDT", amount: received)),
            .fundingPaid(FundingPaid(account: Trader.bob, symbol: "BTCUSDT", amount: -received)),
        ])
        #expect(venue.account(Trader.alice).cash == aliceCash + received)
        #expect(venue.account(Trader.bob).cash == bobCash - received)
        #expect(venue.engine.market("BTCUSDT")?.funding.lastRate == .of(test.rate))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct Holding: Sendable {
        var account: AccountID
        var size: String
        var funding: String
    }

    struct SplitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var longs: [Holding]
        var shorts: [Holding]
        var total: String
        var testDescription: String { name }
    }

    /// Mark 65432.12345678, rate 0.0001: each payer's amount rounds up; receivers share the total by
    /// size with the leftover unit going to the largest remainder.
    @Test("funding payments sum to exactly zero with uneven sizes", arguments: [
        SplitCase(
            name: "two payers, two receivers: the leftover unit goes to the smaller short",
            longs: [Holding(account: Trader.alice, size: "0.001", funding: "-0.00654322"),
                    Holding(account: Trader.bob, size: "0.002", funding: "-0.01308643")],
            shorts: [Holding(account: Trader.carol, size: "0.002", funding: "0.01308643"),
                     Holding(account: Trader.dave, size: "0.001", funding: "0.00654322")],
            total: "0.01962965"),
        SplitCase(
            name: "one payer, three receivers: the leftover unit goes to the middle short",
            longs: [Holding(account: Trader.alice, size: "0.007", funding: "-0.04580249")],
            shorts: [Holding(account: Trader.bob, size: "0.001", funding: "0.00654321"),
                     Holding(account: Trader.carol, size: "0.002", funding: "0.01308643"),
                     Holding(account: Trader.dave, size: "0.004", funding: "0.02617285")],
            total: "0.04580249"),
    ])
    func zeroSum(_ test: SplitCase) {
        var venue = Self.venue()
        for short in test.shorts { venue.limit(short.account, .sell, short.size, at: "65000") }
        for long in test.longs { venue.market(long.account, .buy, long.size) }
        for holding in test.longs + test.shorts {
            let signed = Quantity.of(holding.size)
            #expect(venue.position(holding.account)?.quantity
                == (test.longs.contains { $0.account == holding.account } ? signed : -signed))
        }
        venue.index("65432.12345678")
        let cashBefore = venue.engine.accounts.map(\.cash)
        let events = venue.apply(Self.settle, at: Self.due)
        let holdings = (test.longs + test.shorts).sorted { $0.account < $1.account }
        #expect(events.map(\.brief) == ["settled 0.0001 on \(test.total)"]
            + holdings.map { "funding \($0.account) \($0.funding)" })
        let paid = events.compactMap { event -> Money? in
            if case .fundingPaid(let payment) = event { return payment.amount }
            return nil
        }
        #expect(paid.reduce(Money.zero, +) == .zero)
        let cashAfter = venue.engine.accounts.map(\.cash)
        #expect(zip(cashAfter, cashBefore).map { $0 - $1 }.reduce(Money.zero, +) == .zero)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct ShareCase: CustomTestStringConvertible, Sendable {
        var name: String
        var total: Int64
        var weights: [Int64]
        var shares: [Int64]
        var testDescription: String { name }
    }

    @Test("largest-remainder split: exact sums, leftovers to the largest remainders, ties to the earlier", arguments: [
        ShareCase(name: "even split", total: 10, weights: [3, 3, 4], shares: [3, 3, 4]),
        ShareCase(name: "three equal remainders: the first gets the unit", total: 10, weights: [1, 1, 1],
                  shares: [4, 3, 3]),
        ShareCase(name: "two units over three equal weights", total: 2, weights: [1, 1, 1], shares: [1, 1, 0]),
        ShareCase(name: "one unit over two equal weights", total: 1, weights: [1, 1], shares: [1, 0]),
        ShareCase(name: "the larger remainder wins over the larger weight", total: 5, weights: [1, 2],
                  shares: [2, 3]),
        ShareCase(name: "remainders 2/7, 4/7, 1/7: the middle gets the unit", total: 4_580_249,
                  weights: [100_000, 200_000, 400_000], shares: [654_321, 1_308_643, 2_617_285]),
        ShareCase(name: "a zero weight gets nothing", total: 3, weights: [0, 5], shares: [0, 3]),
        ShareCase(name: "nothing to share", total: 0, weights: [2, 3], shares: [0, 0]),
        ShareCase(name: "no weight at all", total: 7, weights: [0, 0], shares: [0, 0]),
        ShareCase(name: "large values do not overflow", total: 9_000_000_000_000_000_000,
                  weights: [9_000_000_000_000_000_000, 1, 2], shares: [8_999_999_999_999_999_997, 1, 2]),
    ])
    func largestRemainder(_ test: ShareCase) {
        let shares = FundingMath.shareByLargestRemainder(Money(raw: test.total), weights: test.weights)
        #expect(shares.map(\.raw) == test.shares)
        if test.weights.contains(where: { $0 > 0 }) {
            #expect(shares.reduce(Money.zero, +).raw == test.total)
        }
    }

    struct RateCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Sum of premium samples in raw rate units (1e-8), and their count.
        var premiumSum: Int64
        var samples: Int64
        var rate: String
        var testDescription: String { name }
    }

    /// Interest 0.01%, clamp ±0.05%, cap ±0.75%.
    @Test("the rate is premium + clamp(interest − premium), capped", arguments: [
        RateCase(name: "no samples: the interest rate", premiumSum: 0, samples: 0, rate: "0.0001"),
        RateCase(name: "premium 0.03%: the interest rate", premiumSum: 30_000, samples: 1, rate: "0.0001"),
        RateCase(name: "premium 0.06%: clamp reached exactly", premiumSum: 60_000, samples: 1, rate: "0.0001"),
        RateCase(name: "premium 0.07%: 0.02%", premiumSum: 70_000, samples: 1, rate: "0.0002"),
        RateCase(name: "premium −0.04%: the interest rate", premiumSum: -40_000, samples: 1, rate: "0.0001"),
        RateCase(name: "premium −0.05%: zero", premiumSum: -50_000, samples: 1, rate: "0"),
        RateCase(name: "premium −0.1%: −0.05%", premiumSum: -100_000, samples: 1, rate: "-0.0005"),
        RateCase(name: "premium 0.8%: exactly the cap", premiumSum: 800_000, samples: 1, rate: "0.0075"),
        RateCase(name: "premium 1%: capped", premiumSum: 1_000_000, samples: 1, rate: "0.0075"),
        RateCase(name: "premium −1%: capped", premiumSum: -1_000_000, samples: 1, rate: "-0.0075"),
        RateCase(name: "average of four samples", premiumSum: 400_000, samples: 4, rate: "0.0005"),
        RateCase(name: "average rounds half-even down", premiumSum: 200_001, samples: 2, rate: "0.0005"),
        RateCase(name: "average rounds half-even up", premiumSum: 200_003, samples: 2, rate: "0.00050002"),
    ])
    func rate(_ test: RateCase) {
        #expect(FundingMath.rate(premiumSum: test.premiumSum, samples: test.samples, spec: FundingSpec())
            == .of(test.rate))
    }

    @Test("an isolated position pays and receives funding through its isolated balance")
    func isolatedFunding() throws {
        var venue = Self.venue()
        venue.expectAccepted(.setMarginMode(SetMarginMode(account: Trader.alice, symbol: "BTCUSDT", mode: .isolated)))
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.market(Trader.alice, .buy, "1")
        let aliceCash = venue.account(Trader.alice).cash
        let aliceWallet = try #require(venue.position(Trader.alice)?.isolatedWallet)
        let bobCash = venue.account(Trader.bob).cash
        venue.apply(Self.settle, at: Self.due)
        #expect(venue.account(Trader.alice).cash == aliceCash)
        #expect(venue.position(Trader.alice)?.isolatedWallet == aliceWallet - .of("6.5"))
        #expect(venue.account(Trader.bob).cash == bobCash + .of("6.5"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
