import BackstopCore
import Foundation

/// The policies side by side, as text for a terminal.
public enum ComparisonTable {
    /// The table; with `colour`, the best figure of the columns where lower is better is green and the
    /// worst red.
    public static func render(_ simulation: Simulation, colour: Bool) -> String {
        let header = ["policy", "liqs", "liq notional", "fund min", "fund end", "ADL rounds", "accounts", "ADL notional",
                      "haircut", "shortfall", "horizon cost", "max cut", "gini", "winners hit", "bad debt", "wall"]
        var rows: [[String]] = []
        for outcome in simulation.outcomes {
            let metrics = outcome.metrics
            rows.append([
                metrics.policy.rawValue, String(metrics.liquidations), Formatting.money(metrics.liquidatedNotional),
                Formatting.money(metrics.fundMinimum), Formatting.money(metrics.fundEnd), String(metrics.deleveragingRounds),
                String(metrics.accountsDeleveraged), Formatting.money(metrics.deleveragedNotional),
                Formatting.money(metrics.haircut), Formatting.money(metrics.shortfall), Formatting.money(metrics.horizonCost),
                Formatting.percent(metrics.largestHaircutFraction), String(format: "%.2f", metrics.haircutGini),
                Formatting.percent(metrics.winnersTouchedShare), Formatting.money(metrics.uncoveredBadDebt),
                String(format: "%.2fs", outcome.wallSeconds),
            ])
        }
        // Columns where less is better: horizon cost, max cut, gini, winners hit, bad debt.
        let judged = [10, 11, 12, 13, 14]
        let values: [[Double]] = simulation.outcomes.map { outcome in
            let metrics = outcome.metrics
            return [Double(metrics.horizonCost.raw), Double(metrics.largestHaircutFraction.raw), metrics.haircutGini,
                    metrics.winnersTouchedShare, Double(metrics.uncoveredBadDebt.raw)]
        }
        let widths = header.indices.map { column in
            max(header[column].count, rows.map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String], paint: (Int, String) -> String = { $1 }) -> String {
            cells.enumerated().map { column, cell in
                let padded = column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
                return paint(column, padded)
            }.joined(separator: "  ")
        }
        var text = line(header) + "\n"
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for (rowIndex, row) in rows.enumerated() {
            text += line(row) { column, cell in
                guard colour, let judgedIndex = judged.firstIndex(of: column), rows.count > 1 else { return cell }
                let column = values.map { $0[judgedIndex] }
                let value = values[rowIndex][judgedIndex]
                guard column.min() != column.max() else { return cell }
                if value == column.min() { return "\u{1B}[32m\(cell)\u{1B}[0m" }
                if value == column.max() { return "\u{1B}[31m\(cell)\u{1B}[0m" }
                return cell
            } + "\n"
        }
        return text
    }
}
