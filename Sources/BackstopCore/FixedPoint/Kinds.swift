/// A price in quote currency per unit of base asset, with 8 decimals.
@frozen
public struct Price: FixedPointDecimal {
    @inlinable public static var decimals: Int { 8 }
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}

/// A position or order size in base-asset units (contracts), with 8 decimals.
/// Positive is long or buy; negative is short or sell, where a sign is meaningful.
@frozen
public struct Quantity: FixedPointDecimal {
    @inlinable public static var decimals: Int { 8 }
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}

/// An amount of the settlement currency (for example USDT), with 8 decimals.
@frozen
public struct Money: FixedPointDecimal {
    @inlinable public static var decimals: Int { 8 }
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}

/// A dimensionless rate or fraction (fee rate, margin rate, funding rate), with 8 decimals:
/// `Rate("0.0004")` is 0.04%.
@frozen
public struct Rate: FixedPointDecimal {
    @inlinable public static var decimals: Int { 8 }
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }

    /// One: 100%.
    public static let one = Rate(units: 1)
}
