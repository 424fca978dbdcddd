import Foundation
import Synchronization

/// What the process is attached to: colour and progress only on a terminal.
struct Terminal {
    /// True when standard output is a terminal that takes colour (and `NO_COLOR` is not set).
    var outputIsTerminal: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// True when standard error is a terminal.
    var errorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A line on standard error, where it does not mix with the table.
    func status(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A progress bar on standard error, redrawn in place, only when it is a terminal.
final class ProgressBar: Sendable {
    private let enabled: Bool
    private let width: Int
    private let drawn = Mutex(-1)

    init(enabled: Bool, width: Int) {
        self.enabled = enabled
        self.width = width
    }

    /// Shows `share` (0 to 1) done; redraws only when the bar changes.
    func update(_ share: Double) {
        guard enabled else { return }
        let filled = Int((min(max(share, 0), 1) * Double(width)).rounded(.down))
        let changed = drawn.withLock { last in
            guard last != filled else { return false }
            last = filled
            return true
        }
        guard changed else { return }
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(Int(share * 100))%".utf8))
    }

    /// Clears the bar.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: width + 8))\r".utf8))
    }
}
