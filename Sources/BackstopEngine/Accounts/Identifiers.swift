/// A trader's account number, chosen by the venue (or the scenario) that creates it.
@frozen
public struct AccountID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number.
    public var rawValue: UInt64
    /// Wraps an account number.
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

/// An order's number, assigned by the engine in sequence from 1.
@frozen
public struct OrderID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number.
    public var rawValue: UInt64
    /// Wraps an order number.
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

/// Milliseconds since the Unix epoch. Time enters the engine only inside commands.
public typealias Timestamp = Int64
