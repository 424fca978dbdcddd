import Foundation

/// Writes a simulation's files: `summary.json`, `accounts.csv` and `report.html`.
public enum ReportFiles {
    public static func write(_ simulation: Simulation, to folder: String) throws {
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try SummaryFile.data(simulation).write(to: url.appendingPathComponent("summary.json"))
        try Data(AccountsFile.text(simulation).utf8).write(to: url.appendingPathComponent("accounts.csv"))
        try Data(HTMLReport.render(simulation).utf8).write(to: url.appendingPathComponent("report.html"))
    }
}
