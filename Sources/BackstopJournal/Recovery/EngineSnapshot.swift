import BackstopEngine
import Foundation

/// The engine's whole state as snapshot bytes, and back.
///
/// Every stored field of the engine is kept, its indexes included, so a restored engine goes on
/// exactly as the original would have: the same events and the same state hash for the same
/// commands. The bytes are ``BinaryEncoder``'s: the same engine always gives the same bytes.
/// Snapshots taken before were JSON, and are still read.
public enum EngineSnapshot {
    /// The engine as bytes.
    public static func encode(_ engine: Engine) throws -> [UInt8] {
        try BinaryEncoder().encode(engine)
    }

    /// The engine the bytes hold.
    public static func decode(_ bytes: [UInt8]) throws -> Engine {
        if bytes.first == UInt8(ascii: "{") {
            return try JSONDecoder().decode(Engine.self, from: Data(bytes))
        }
        return try BinaryDecoder().decode(Engine.self, from: bytes)
    }

    /// A stored snapshot of `engine`, taken after the journal entry at `position`.
    public static func make(_ engine: Engine, at position: JournalReader.Position) throws -> StoredSnapshot {
        StoredSnapshot(
            sequence: position.sequence, entryChecksum: position.checksum, stateHash: engine.stateHash,
            state: try encode(engine))
    }
}
