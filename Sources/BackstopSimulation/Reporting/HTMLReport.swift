import BackstopCore
import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) that
/// works offline in any browser.
enum HTMLReport {
    static func render(_ simulation: Simulation) -> String {
        let scenario = simulation.scenario
        let minutes = simulation.stepTimes.last.map { Double($0) / 60_000 } ?? 0
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Backstop: \(SVGChart.escape(scenario.name))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }
            table { border-collapse: collapse; font-size: 13px; display: block; overflow-x: auto; }
            th, td { padding: 4px 8px; border-bottom: 1px solid #ddd; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            svg { width: 100%; max-width: 760px; height: auto; display: block; margin: 1em 0; }
            .title { font-size: 14px; font-weight: 600; } .tick, .legend { font-size: 11px; fill: #444; }
            .axis { stroke: #888; } .note { color: #555; font-size: 13px; }
            </style></head><body>
            <h1>\(SVGChart.escape(scenario.name))</h1>
            <p>\(SVGChart.escape(scenario.description))</p>
            <p class="note">Seed \(scenario.seed). \(scenario.markets.count) markets, \(simulation.outcomes.count) policies, each run
            through the same engine on the same commands. Forced closes are also valued at the prices \(scenario.horizonSeconds) s
            after the end.</p>
            <h2>Policies compared</h2>

            """
        html += comparisonTable(simulation)
        let pricePaths = scenario.markets.indices.map { index -> (String, [Double]) in
            let series = simulation.indexSeries[index]
            let start = Double(series.first?.raw ?? 1)
            return (scenario.markets[index].spec.symbol, series.map { Double($0.raw) / start * 100 })
        }
        html += SVGChart.lines(id: "chart-prices", title: "Index prices (start = 100)", xLabel: "minutes",
                               yLabel: "index", series: pricePaths, xMaximum: minutes)
        html += SVGChart.lines(
            id: "chart-fund", title: "Insurance fund equity", xLabel: "minutes", yLabel: "USDT",
            series: simulation.outcomes.map { ($0.policy.rawValue, $0.fundEquity.map(dollars)) }, xMaximum: minutes)
        html += SVGChart.lines(
            id: "chart-adl", title: "Notional auto-deleveraged, cumulative", xLabel: "minutes", yLabel: "USDT",
            series: simulation.outcomes.map { ($0.policy.rawValue, $0.deleveragedNotional.map(dollars)) }, xMaximum: minutes)
        html += SVGChart.lines(
            id: "chart-lorenz", title: "Lorenz curve of haircut fractions over winners (diagonal: all equal)",
            xLabel: "share of winners, least hit first", yLabel: "share of haircuts",
            series: [("equal", [0, 1])] + simulation.outcomes.map { ($0.policy.rawValue, lorenz($0.winnerFractions)) },
            xMaximum: 1)
        html += hardestHit(simulation)
        html += "</body></html>\n"
        return html
    }

    private static func dollars(_ money: Money) -> Double { Double(money.raw) / Double(Money.scale) }

    /// Cumulative share of the total at each share of winners, from the least hit.
    static func lorenz(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        let total = sorted.reduce(0, +)
        guard total > 0 else { return [0, 0] }
        var running = 0.0
        return [0] + sorted.map { running += $0; return running / total }
    }

    /// The comparison as a table whose cells carry the exact figures of `summary.json`.
    private static func comparisonTable(_ simulation: Simulation) -> String {
        let columns: [(String, String, (PolicyMetrics) -> String, (PolicyMetrics) -> String)] = [
            ("liquidations", "liquidations", { String($0.liquidations) }, { String($0.liquidations) }),
            ("fund minimum", "fundMinimum", { Formatting.money($0.fundMinimum) }, { $0.fundMinimum.description }),
            ("fund end", "fundEnd", { Formatting.money($0.fundEnd) }, { $0.fundEnd.description }),
            ("ADL rounds", "deleveragingRounds", { String($0.deleveragingRounds) }, { String($0.deleveragingRounds) }),
            ("accounts deleveraged", "accountsDeleveraged", { String($0.accountsDeleveraged) }, { String($0.accountsDeleveraged) }),
            ("ADL notional", "deleveragedNotional", { Formatting.money($0.deleveragedNotional) }, { $0.deleveragedNotional.description }),
            ("haircut", "haircut", { Formatting.money($0.haircut) }, { $0.haircut.description }),
            ("shortfall", "shortfall", { Formatting.money($0.shortfall) }, { $0.shortfall.description }),
            ("horizon cost", "horizonCost", { Formatting.money($0.horizonCost) }, { $0.horizonCost.description }),
            ("largest haircut", "largestHaircutFraction", { Formatting.percent($0.largestHaircutFraction) },
             { $0.largestHaircutFraction.description }),
            ("Gini", "haircutGini", { String(format: "%.3f", $0.haircutGini) }, { String($0.haircutGini) }),
            ("winners touched", "winnersTouched", { "\($0.winnersTouched) of \($0.winners)" }, { String($0.winnersTouched) }),
            ("uncovered bad debt", "uncoveredBadDebt", { Formatting.money($0.uncoveredBadDebt) }, { $0.uncoveredBadDebt.description }),
        ]
        var html = "<table id=\"comparison\"><tr><th>policy</th>"
        html += columns.map { "<th>\($0.0)</th>" }.joined() + "</tr>\n"
        for outcome in simulation.outcomes {
            let metrics = outcome.metrics
            html += "<tr data-policy=\"\(metrics.policy.rawValue)\"><td>\(metrics.policy.rawValue)</td>"
            html += columns.map { "<td data-field=\"\($0.1)\" data-value=\"\($0.3(metrics))\">\($0.2(metrics))</td>" }.joined()
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// The ten accounts hit hardest under each policy.
    private static func hardestHit(_ simulation: Simulation) -> String {
        var html = "<h2 id=\"hardest-hit\">Accounts hit hardest</h2>\n"
        for outcome in simulation.outcomes where !outcome.accounts.isEmpty {
            html += "<h3>\(outcome.policy.rawValue)</h3><table><tr><th>account</th><th>closed</th><th>haircut</th>"
                + "<th>profit</th><th>haircut / profit</th><th>horizon cost</th></tr>\n"
            for account in outcome.accounts.prefix(10) {
                html += "<tr><td>\(account.account)</td><td>\(account.closed)</td><td>\(Formatting.money(account.haircut))</td>"
                    + "<td>\(Formatting.money(account.profit))</td><td>\(account.haircutFraction.map(Formatting.percent) ?? "")</td>"
                    + "<td>\(Formatting.money(account.horizonCost))</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }
}
