import ArgumentParser
import BackstopCore
import BackstopEngine
import BackstopSimulation
import Foundation

/// `backstop adl-plan`: runs a deleveraging policy on candidates from a CSV file, outside any venue.
struct ADLPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adl-plan",
        abstract: "Run an auto-deleveraging policy on candidates you supply and show who pays.",
        discussion: """
            CANDIDATES is a CSV file with a header row holding at least account,size,entry_price,equity
            (size signed, in contracts: the counterparties of a long are short; equity in quote currency),
            and optionally wallet_balance and maintenance_margin. Prints one row per account touched
            (account,closed,price,haircut,haircut_fraction,score) and a JSON summary, or writes plan.csv
            and summary.json to --out.
            """)

    @Option(help: "The policy: \(DeleveragingPolicyName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: String

    @Option(help: "The CSV file of candidates.")
    var candidates: String

    @Option(help: "The bankrupt position's side: long or short.")
    var side: String

    @Option(help: "The contracts to absorb.")
    var quantity: String

    @Option(help: "The execution price (the bankruptcy price, usually).")
    var price: String

    @Option(help: "The mark price.")
    var mark: String

    @Option(help: "Counterparties are closed in multiples of this (default: the finest lot that divides every size and the quantity).")
    var lotSize: String?

    @Option(help: "Maintenance margin rate used where the file has no maintenance_margin column.")
    var maintenanceRate = "0.005"

    @Option(help: "A seed for random-dydx's start.")
    var seed: UInt64 = 0

    @Option(help: "Write plan.csv and summary.json to this folder instead of printing.")
    var out: String?

    func run() throws {
        guard let policyName = DeleveragingPolicyName(rawValue: policy) else {
            throw UserError("unknown policy '\(policy)'; one of \(DeleveragingPolicyName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let bankruptSide: Side
        switch side.lowercased() {
        case "long": bankruptSide = .buy
        case "short": bankruptSide = .sell
        default: throw UserError("--side must be long or short, not '\(side)'")
        }
        let quantity = try Self.decimal(quantity, Quantity.self, option: "quantity")
        let price = try Self.decimal(price, Price.self, option: "price")
        let mark = try Self.decimal(mark, Price.self, option: "mark")
        let rate = try Self.decimal(maintenanceRate, Rate.self, option: "maintenance-rate")
        guard quantity.isPositive, price.isPositive, mark.isPositive else {
            throw UserError("--quantity, --price and --mark must be positive")
        }
        guard let text = try? String(contentsOfFile: candidates, encoding: .utf8) else {
            throw UserError("cannot read '\(candidates)'")
        }
        let table: [DeleveragingCandidate]
        do {
            table = try CandidateTable.read(text, bankruptSide: bankruptSide, mark: mark, defaultMaintenanceRate: rate)
        } catch {
            throw UserError("\(candidates): \(error.description)")
        }
        let held = table.reduce(Quantity.zero) { $0 + $1.size }
        guard quantity <= held else {
            throw UserError("--quantity \(quantity) exceeds the \(held) the candidates hold")
        }
        let lot = try lotSize.map { try Self.decimal($0, Quantity.self, option: "lot-size") }
            ?? Self.finestLot(table.map(\.size) + [quantity])
        guard lot.isPositive, quantity.isMultiple(of: lot) else {
            throw UserError("--quantity \(quantity) is not a multiple of the lot size \(lot)")
        }
        if let offending = table.firstIndex(where: { !$0.size.isMultiple(of: lot) }) {
            throw UserError("\(candidates): row \(offending + 2), column size: not a multiple of the lot size \(lot)")
        }
        let terms = DeleveragingTerms(
            bankruptSide: bankruptSide, quantity: quantity, executionPrice: price, markPrice: mark, lotSize: lot, seed: seed)
        let report = PlanReport(policy: policyName, terms: terms, candidates: table)
        try write(report)
    }

    private func write(_ report: PlanReport) throws {
        var csv = "account,closed,price,haircut,haircut_fraction,score\n"
        for row in report.rows {
            csv += "\(row.account),\(row.closed),\(row.price),\(row.haircut),\(row.haircutFraction.map(\.description) ?? ""),\(row.score.map(\.description) ?? "")\n"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let summary = try encoder.encode(report.summary)
        guard let out else {
            print(csv, terminator: "")
            print(String(decoding: summary, as: UTF8.self))
            return
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent("plan.csv"))
        try summary.write(to: URL(fileURLWithPath: out).appendingPathComponent("summary.json"))
        print("wrote \(out)/plan.csv (\(report.rows.count) accounts) and \(out)/summary.json")
    }

    static func decimal<Value: FixedPointDecimal>(_ text: String, _: Value.Type, option: String) throws -> Value {
        do {
            return try Value.parse(text)
        } catch {
            throw UserError("--\(option): \(error.description)")
        }
    }

    /// The largest quantity that divides every one given: their greatest common divisor.
    static func finestLot(_ quantities: [Quantity]) -> Quantity {
        func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
        return Quantity(raw: quantities.reduce(0) { gcd($0, $1.magnitude.raw) })
    }
}
