/// A decimal number stored as a scaled `Int64`: the value is `raw / 10^decimals`.
///
/// `Price`, `Quantity`, `Money` and `Rate` conform. Each kind has its own scale, so a price can never
/// be added to a quantity by accident; conversions between kinds go through functions that name
/// their rounding. Addition and subtraction are exact and trap on overflow.
public protocol FixedPointDecimal: Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, LosslessStringConvertible, AdditiveArithmetic
{
    /// Number of digits after the decimal point.
    static var decimals: Int { get }
    /// The scaled integer: the value times `10^decimals`.
    var raw: Int64 { get }
    /// Creates a value from its scaled integer.
    init(raw: Int64)
}

extension FixedPointDecimal {
    /// `10^decimals`: the raw value of one whole unit.
    @inlinable
    public static var scale: Int64 { FixedPointMath.powerOfTen(decimals) }

    /// The value zero.
    @inlinable
    public static var zero: Self { Self(raw: 0) }

    /// Creates a whole number of units, trapping if it does not fit.
    @inlinable
    public init(units: Int64) {
        let (value, overflow) = units.multipliedReportingOverflow(by: Self.scale)
        precondition(!overflow, "fixed-point overflow creating \(units) units")
        self.init(raw: value)
    }

    /// Creates a whole number of units, or `nil` if it does not fit.
    @inlinable
    public init?(exactlyUnits units: Int64) {
        let (value, overflow) = units.multipliedReportingOverflow(by: Self.scale)
        if overflow { return nil }
        self.init(raw: value)
    }

    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }

    @inlinable
    public static func + (lhs: Self, rhs: Self) -> Self {
        let (value, overflow) = lhs.raw.addingReportingOverflow(rhs.raw)
        precondition(!overflow, "fixed-point overflow in addition")
        return Self(raw: value)
    }

    @inlinable
    public static func - (lhs: Self, rhs: Self) -> Self {
        let (value, overflow) = lhs.raw.subtractingReportingOverflow(rhs.raw)
        precondition(!overflow, "fixed-point overflow in subtraction")
        return Self(raw: value)
    }

    @inlinable public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inlinable public static prefix func - (value: Self) -> Self { .zero - value }

    /// Adds, returning `nil` instead of trapping on overflow.
    @inlinable
    public func addingReportingOverflow(_ other: Self) -> Self? {
        let (value, overflow) = raw.addingReportingOverflow(other.raw)
        return overflow ? nil : Self(raw: value)
    }

    /// The absolute value.
    @inlinable public var magnitude: Self { raw < 0 ? -self : self }
    /// True when the value is below zero.
    @inlinable public var isNegative: Bool { raw < 0 }
    /// True when the value is above zero.
    @inlinable public var isPositive: Bool { raw > 0 }
    /// True when the value is zero.
    @inlinable public var isZero: Bool { raw == 0 }

    /// Multiplies by an integer, trapping on overflow.
    @inlinable
    public func times(_ factor: Int64) -> Self {
        let (value, overflow) = raw.multipliedReportingOverflow(by: factor)
        precondition(!overflow, "fixed-point overflow in multiplication")
        return Self(raw: value)
    }

    /// Divides by a positive integer with the given rounding.
    @inlinable
    public func divided(by divisor: Int64, rounding: RoundingRule) -> Self {
        Self(raw: FixedPointMath.divide(raw, by: divisor, rounding: rounding))
    }

    /// Rounds to a multiple of `step` (a tick or lot size) in the given direction.
    @inlinable
    public func rounded(toMultipleOf step: Self, _ rule: RoundingRule) -> Self {
        precondition(step.raw > 0, "step must be positive")
        let units = FixedPointMath.divide(raw, by: step.raw, rounding: rule)
        let (value, overflow) = units.multipliedReportingOverflow(by: step.raw)
        precondition(!overflow, "fixed-point overflow in rounding to step")
        return Self(raw: value)
    }

    /// This value times a rate: `value × rate` (a fee, a margin, a band around a price).
    @inlinable
    public func times(_ rate: Rate, rounding: RoundingRule) -> Self {
        Self(raw: FixedPointMath.narrow(
            FixedPointMath.scaledProduct(raw, rate.raw, over: Rate.scale, rounding: rounding), "times rate"))
    }

    /// The part `numerator / denominator` of this value, for pro-rata splits.
    @inlinable
    public func fraction(_ numerator: Int64, of denominator: Int64, rounding: RoundingRule) -> Self {
        Self(raw: FixedPointMath.narrow(
            FixedPointMath.scaledProduct(raw, numerator, over: denominator, rounding: rounding), "fraction"))
    }

    /// True when the value is a whole multiple of `step`.
    @inlinable
    public func isMultiple(of step: Self) -> Bool { step.raw != 0 && raw % step.raw == 0 }
}
