import BackstopCore
@testable import BackstopEngine
import Testing

/// Builders shared by the deleveraging policy tests: candidates and terms from decimal text, plans
/// read back per candidate, and exact haircut fractions.
enum ADL {
    /// A candidate with `entryValue` given directly (`size × entry price`); the wallet defaults to the
    /// equity and the maintenance margin to zero.
    static func candidate(
        _ account: UInt64, size: String, entryValue: String, equity: String, wallet: String? = nil,
        maintenance: String = "0"
    ) -> DeleveragingCandidate {
        DeleveragingCandidate(
            account: AccountID(account), size: .of(size), entryValue: .of(entryValue), equity: .of(equity),
            walletBalance: .of(wallet ?? equity), maintenanceMargin: .of(maintenance))
    }

    /// A long counterparty at `mark` with unrealized `profit` (negative for a loss):
    /// `entryValue = size × mark − profit`.
    static func long(
        _ account: UInt64, size: String, profit: String, mark: String = "100", equity: String = "1000000",
        maintenance: String = "0"
    ) -> DeleveragingCandidate {
        let notional = Quantity.of(size).value(at: .of(mark), rounding: .down)
        return DeleveragingCandidate(
            account: AccountID(account), size: .of(size), entryValue: notional - .of(profit), equity: .of(equity),
            walletBalance: .of(equity), maintenanceMargin: .of(maintenance))
    }

    /// A short counterparty at `mark` with unrealized `profit`: `entryValue = size × mark + profit`.
    static func short(
        _ account: UInt64, size: String, profit: String, mark: String = "100", equity: String = "1000000"
    ) -> DeleveragingCandidate {
        let notional = Quantity.of(size).value(at: .of(mark), rounding: .down)
        return DeleveragingCandidate(
            account: AccountID(account), size: .of(size), entryValue: notional + .of(profit), equity: .of(equity),
            walletBalance: .of(equity), maintenanceMargin: .zero)
    }

    /// Terms of a round.
    static func terms(
        bankrupt: Side, quantity: String, execution: String, mark: String, lot: String = "1", seed: UInt64 = 0
    ) -> DeleveragingTerms {
        DeleveragingTerms(
            bankruptSide: bankrupt, quantity: .of(quantity), executionPrice: .of(execution), markPrice: .of(mark),
            lotSize: .of(lot), seed: seed)
    }

    /// Contracts closed per candidate index, in input order (zero for those left alone).
    static func closed(_ plan: DeleveragingPlan, count: Int) -> [Quantity] {
        var closed = [Quantity](repeating: .zero, count: count)
        for allocation in plan.allocations { closed[allocation.candidate] += allocation.quantity }
        return closed
    }

    /// Debits per candidate index, in input order.
    static func debits(_ plan: DeleveragingPlan, count: Int) -> [Money] {
        var debits = [Money](repeating: .zero, count: count)
        for allocation in plan.allocations { debits[allocation.candidate] += allocation.debit }
        return debits
    }
}

extension Score {
    /// A score literal for tests, with up to 18 decimals: `Score.of("-0.25")`.
    static func of(_ text: String) -> Score {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int128(String(parts[0]))!
        let decimals = parts.count > 1 ? String(parts[1]) : ""
        precondition(decimals.count <= 18, "a score has 18 decimals")
        let fraction = decimals.isEmpty ? 0 : Int128(decimals + String(repeating: "0", count: 18 - decimals.count))!
        let magnitude = whole * Score.scale + fraction
        return Score(raw: negative ? -magnitude : magnitude)
    }
}

/// A non-negative fraction `numerator / denominator`, compared exactly; a positive numerator over
/// zero is infinite (a haircut on an account without profit).
struct ExactFraction: Comparable, CustomStringConvertible {
    var numerator: Int128
    var denominator: Int128

    /// `haircut / profit`, zero when nothing was taken, infinite when taken from no profit.
    init(_ haircut: Int128, over profit: Int128) {
        if haircut <= 0 {
            (numerator, denominator) = (0, 1)
        } else if profit <= 0 {
            (numerator, denominator) = (1, 0)
        } else {
            (numerator, denominator) = (haircut, profit)
        }
    }

    static let zero = ExactFraction(0, over: 1)

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator }
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.numerator * rhs.denominator == rhs.numerator * lhs.denominator }

    var description: String { denominator == 0 ? "∞" : "\(numerator)/\(denominator)" }
}

extension DeleveragingPlan {
    /// The largest `haircut_i / profit_i` over the candidates the plan closes, with the haircut that
    /// `DeleveragingCandidate.haircut(closing:terms:)` reports and the profit at the mark.
    func largestHaircutFraction(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> ExactFraction {
        allocations.reduce(ExactFraction.zero) { worst, allocation in
            let candidate = candidates[allocation.candidate]
            let haircut = candidate.haircut(closing: allocation.quantity, terms: terms)
            let profit = candidate.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)
            return max(worst, ExactFraction(Int128(haircut.raw), over: Int128(profit.raw)))
        }
    }
}
