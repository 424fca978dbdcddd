import ArgumentParser
import BackstopCore
import BackstopEngine
import Foundation

/// Reads a JSON-lines command file, checking every line before anything runs.
enum CommandFile {
    /// The commands with their line numbers.
    ///
    /// - Throws: a ``UserError`` listing every malformed line.
    static func read(_ path: String) throws -> [(line: Int, command: Command)] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw UserError("cannot read '\(path)'")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError("'\(path)' is not UTF-8 text")
        }
        let decoder = JSONDecoder()
        var commands: [(Int, Command)] = []
        var problems: [String] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                commands.append((offset + 1, try decoder.decode(Command.self, from: Data(trimmed.utf8))))
            } catch {
                problems.append("line \(offset + 1): \((error as? DecodingError)?.pathDescription ?? "\(error)")")
            }
        }
        guard problems.isEmpty else {
            throw UserError("nothing was applied; malformed commands:\n" + problems.joined(separator: "\n"))
        }
        return commands
    }
}
