/// A number that names something in the engine, typed by what it names so that an order number can
/// never be passed as an account number. Encoded as a plain JSON integer.
@frozen
public struct Identifier<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number.
    public var rawValue: UInt64
    /// Wraps a number.
    @inlinable public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UInt64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What an ``AccountID`` names.
public enum AccountTag {}
/// What an ``OrderID`` names.
public enum OrderTag {}

/// A trader's account number, chosen by the venue (or the scenario) that creates it.
public typealias AccountID = Identifier<AccountTag>
/// An order's number, assigned by the engine in sequence from 1.
public typealias OrderID = Identifier<OrderTag>

/// Milliseconds since the Unix epoch. Time enters the engine only inside commands.
public typealias Timestamp = Int64
