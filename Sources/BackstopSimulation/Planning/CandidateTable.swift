import BackstopCore
import BackstopEngine
import SwiftCSV

/// A CSV of deleveraging candidates, as `backstop adl-plan` reads it: a header row with at least
/// `account,size,entry_price,equity` (size signed, in contracts; equity in quote currency), and
/// optionally `wallet_balance` (default: equity less unrealized profit at the mark) and
/// `maintenance_margin` (default: notional at the mark × `defaultMaintenanceRate`).
public enum CandidateTable {
    /// A problem with the file, naming the row and column where there is one.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var row: Int?
        public var column: String?
        public var message: String

        public var description: String {
            switch (row, column) {
            case let (row?, column?): "row \(row), column \(column): \(message)"
            case let (nil, column?): "column \(column): \(message)"
            case let (row?, nil): "row \(row): \(message)"
            case (nil, nil): message
            }
        }
    }

    /// The columns every file must have.
    public static let requiredColumns = ["account", "size", "entry_price", "equity"]

    /// Reads candidates from CSV text. Rows are numbered as in the file, the header being row 1.
    ///
    /// - Parameters:
    ///   - bankruptSide: the side of the bankrupt position; every candidate must hold the other side.
    ///   - mark: the mark price, for the defaults of the optional columns.
    ///   - defaultMaintenanceRate: the maintenance margin rate used when the column is absent.
    public static func read(
        _ text: String, bankruptSide: Side, mark: Price, defaultMaintenanceRate: Rate
    ) throws(Problem) -> [DeleveragingCandidate] {
        let table: EnumeratedCSV
        do {
            table = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw Problem(row: nil, column: nil, message: "not a CSV file: \(error)")
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in requiredColumns where !header.contains(column) {
            throw Problem(row: 1, column: column, message: "missing from the header")
        }
        func index(_ column: String) -> Int? { header.firstIndex(of: column) }
        var candidates: [DeleveragingCandidate] = []
        candidates.reserveCapacity(table.rows.count)
        var seen = Set<UInt64>()
        for (offset, row) in table.rows.enumerated() {
            let number = offset + 2
            func field(_ column: String) throws(Problem) -> String {
                guard let position = index(column), position < row.count else {
                    throw Problem(row: number, column: column, message: "missing")
                }
                return row[position].trimmingCharacters(in: .whitespaces)
            }
            func decimal<Value: FixedPointDecimal>(_ column: String, _: Value.Type) throws(Problem) -> Value {
                let text = try field(column)
                do {
                    return try Value.parse(text)
                } catch {
                    throw Problem(row: number, column: column, message: error.description)
                }
            }
            let accountText = try field("account")
            guard let account = UInt64(accountText) else {
                throw Problem(row: number, column: "account", message: "'\(accountText)' is not an account number")
            }
            guard seen.insert(account).inserted else {
                throw Problem(row: number, column: "account", message: "account \(account) appears twice")
            }
            let size = try decimal("size", Quantity.self)
            let counterpartyIsLong = bankruptSide == .sell
            guard counterpartyIsLong ? size.isPositive : size.isNegative else {
                let wanted = counterpartyIsLong ? "long (positive size)" : "short (negative size)"
                throw Problem(row: number, column: "size",
                              message: "\(size) is not on the counterparty side: candidates must be \(wanted)")
            }
            let entryPrice = try decimal("entry_price", Price.self)
            guard entryPrice.isPositive else {
                throw Problem(row: number, column: "entry_price", message: "must be positive")
            }
            let equity = try decimal("equity", Money.self)
            let magnitude = size.magnitude
            let entryValue = magnitude.value(at: entryPrice, rounding: .halfEven)
            let notional = magnitude.value(at: mark, rounding: .down)
            let profit = counterpartyIsLong ? notional - entryValue : entryValue - notional
            let wallet = index("wallet_balance") != nil ? try decimal("wallet_balance", Money.self) : equity - profit
            let maintenance = index("maintenance_margin") != nil
                ? try decimal("maintenance_margin", Money.self)
                : notional.times(defaultMaintenanceRate, rounding: .up)
            candidates.append(DeleveragingCandidate(
                account: AccountID(account), size: magnitude, entryValue: entryValue, equity: equity,
                walletBalance: wallet, maintenanceMargin: maintenance))
        }
        return candidates
    }
}
