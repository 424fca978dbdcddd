/// Damage found while reading a journal, located as precisely as the damage allows.
///
/// Reading stops at the first damaged entry: nothing after it is applied, and nothing is removed,
/// so an operator can inspect the journal and decide.
public struct JournalCorruption: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        /// The entry's checksum does not continue the chain: its bytes, or an earlier entry's, changed.
        case checksumMismatch(stored: UInt32, computed: UInt32)
        /// The entry carries another sequence number than the one that must come next.
        case sequenceOutOfOrder(found: UInt64)
        /// The batch ends inside an entry or its header (a torn write).
        case truncated(needed: Int, available: Int)
        /// The batch says it holds other entries than it does.
        case batchMismatch(String)
        /// The batch's format version is not one this build reads.
        case unknownVersion(UInt8)
        /// The entry's checksum holds but its bytes are not a command.
        case undecodable(String)
        /// A snapshot's bytes do not match its checksum, or its state not its recorded hash.
        case badSnapshot(String)
    }

    /// The sequence number of the first entry affected (the expected one when it cannot be read).
    public var sequence: UInt64
    /// What is wrong.
    public var problem: Problem

    /// Creates a report.
    public init(sequence: UInt64, _ problem: Problem) {
        self.sequence = sequence
        self.problem = problem
    }

    public var description: String {
        let what: String = switch problem {
        case .checksumMismatch(let stored, let computed):
            "checksum mismatch (stored \(hex(stored)), computed \(hex(computed))): the entry or an earlier one was altered"
        case .sequenceOutOfOrder(let found): "found sequence \(found) where \(sequence) must come"
        case .truncated(let needed, let available): "torn entry: \(needed) bytes needed, \(available) present"
        case .batchMismatch(let detail): "batch header disagrees with its contents: \(detail)"
        case .unknownVersion(let version): "unknown batch format version \(version)"
        case .undecodable(let detail): "checksum holds but the command cannot be read: \(detail)"
        case .badSnapshot(let detail): "snapshot: \(detail)"
        }
        return "journal entry \(sequence): \(what)"
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
