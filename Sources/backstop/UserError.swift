/// A problem with what the user gave a command, reported as `Error: ...` without the usage text
/// (which ArgumentParser prints for its own validation errors only).
struct UserError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
