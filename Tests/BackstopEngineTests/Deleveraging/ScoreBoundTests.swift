@testable import BackstopEngine
import BackstopCore
import Testing

/// ``ScoreBound`` against the exact ``Score`` of every queue ranking, on both sides, over the seeded
/// random rounds of ``FastPlanPropertyTests``: the sample key is at or above the score, a candidate is
/// ruled out only below its score's threshold (thresholds at, one unit above and a hair around the
/// score, where truncation decides), and the bound rules out what is far below a threshold.
@Suite struct ScoreBoundTests {
    static let rankings: [QueuePolicy.Ranking] = [.bitmex, .binance, .hyperliquid, .whitebit]

    /// Thresholds around an exact raw score: at it, a unit either side, `2⁻²⁸` of it either side,
    /// twice it, and the smallest positive one.
    static func thresholds(around score: Int128) -> [Score] {
        let nearby = [score, score + 1, score - 1, score + score >> 28, score - score >> 28, score * 2, 1]
        return nearby.filter { $0 > 0 && $0 <= Score.highest.raw }.map { Score(raw: $0) }
    }

    @Test("a bound never rules out a candidate that reaches the threshold, and its key is at or above the score",
          arguments: FastPlanPropertyTests.Population.allCases)
    func sound(_ population: FastPlanPropertyTests.Population) {
        var generator = SplitMix64(seed: 0xB0DD + UInt64(FastPlanPropertyTests.Population.allCases.firstIndex(of: population)!))
        for round in 0..<100 {
            let (terms, candidates) = FastPlanPropertyTests.round(population, count: 60, &generator)
            for ranking in Self.rankings {
                for side in [Side.buy, .sell] {
                    guard let bound = ScoreBound(ranking: ranking, side: side, mark: terms.markPrice) else { continue }
                    let policy = QueuePolicy(ranking: ranking)
                    for candidate in candidates {
                        let score = policy.priority(of: candidate, side: side, mark: terms.markPrice)
                        if let key = bound.upperKey(candidate) {
                            let bits = LeadingBits(key: key)
                            #expect(score.raw <= 0 || LeadingBitsTests.compare(
                                significand: bits.significand, exponent: bits.exponent, UInt128(score.raw)) >= 0,
                                "round \(round), \(ranking), \(side): key \(bits) under \(score)")
                            #expect(key != 0 || score.raw <= 0, "round \(round), \(ranking), \(side): \(score)")
                        }
                        for threshold in Self.thresholds(around: score.raw) {
                            let cutoff = ScoreBound.Cutoff(threshold, bound: bound)
                            #expect(!bound.rejects(candidate, ranking: ranking, below: cutoff) || score < threshold,
                                    "round \(round), \(ranking), \(side): \(score) ruled out below \(threshold)")
                        }
                    }
                }
            }
        }
    }

    @Test("a threshold that is not positive rules nobody out")
    func nonPositiveThreshold() {
        let bound = ScoreBound(ranking: .whitebit, side: .buy, mark: Price(units: 100))!
        let loser = ADL.long(1, size: "1", profit: "-5")
        for threshold in [Score.zero, Score(raw: -1), .lowest] {
            #expect(!bound.rejects(loser, ranking: .whitebit, below: ScoreBound.Cutoff(threshold, bound: bound)))
        }
        #expect(bound.rejects(loser, ranking: .whitebit, below: ScoreBound.Cutoff(Score(raw: 1), bound: bound)))
    }

    @Test("in an ordinary market the bound rules out every candidate with a clear score half its threshold",
          arguments: rankings)
    func effective(_ ranking: QueuePolicy.Ranking) {
        var generator = SplitMix64(seed: 0xEFF0)
        var ruledOut = 0
        for _ in 0..<100 {
            let (terms, candidates) = FastPlanPropertyTests.round(.ordinary, count: 60, &generator)
            let side = terms.counterpartySide
            let bound = ScoreBound(ranking: ranking, side: side, mark: terms.markPrice)!
            for candidate in candidates {
                let score = QueuePolicy(ranking: ranking).priority(of: candidate, side: side, mark: terms.markPrice)
                // Above 10⁻⁶ the profit is large enough that its bound, off by at most 2 raw units, is tight.
                guard score.raw > 1_000_000_000_000, case .fraction = bound.limit(candidate, ranking: ranking) else { continue }
                let threshold = Score(raw: score.raw * 2 + 2)
                #expect(bound.rejects(candidate, ranking: ranking, below: ScoreBound.Cutoff(threshold, bound: bound)),
                        "\(score) kept below \(threshold)")
                ruledOut += 1
            }
        }
        #expect(ruledOut > 1_000)
    }

    @Test("the threshold from a key is at or below the bound it stands for, clamped to the highest score")
    func thresholds() {
        #expect(ScoreBound.threshold(key: 0) == .zero)
        #expect(ScoreBound.threshold(key: LeadingBits(UInt64(1_000_000), rounding: .up).key) == Score(raw: 1_000_000))
        #expect(ScoreBound.threshold(key: LeadingBits(UInt128.max, rounding: .up).key) == .highest)
        // Three and 10⁻¹⁸, rounded up to 32 bits: a threshold at or above it and within 2⁻³¹ of it.
        let value = UInt128(Score.scale) * 3 + 1
        let threshold = UInt128(ScoreBound.threshold(key: LeadingBits(value, rounding: .up).key).raw)
        #expect((value...value + value >> 31).contains(threshold))
    }
}
