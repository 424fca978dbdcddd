/// A market spec that cannot be used, with the field at fault.
public struct MarketSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path of the offending field, such as `riskTiers[1].notionalFloor`.
    public var field: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "\(field): \(reason)" }
}

extension MarketSpec {
    /// The largest notional a market may reach in one order, and the highest tier floor.
    public static let maxNotional = Money(units: 10_000_000_000)

    /// This spec if every field is usable, with maintenance amounts derived.
    ///
    /// - Throws: ``MarketSpecError`` naming the first field at fault.
    public func validated() throws(MarketSpecError) -> MarketSpec {
        func fail(_ field: String, _ reason: String) -> MarketSpecError {
            MarketSpecError(field: field, reason: reason)
        }
        let symbolCharacters = symbol.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        guard !symbol.isEmpty, symbol.count <= 20, symbolCharacters else {
            throw fail("symbol", "must be 1 to 20 upper-case letters or digits")
        }
        guard tickSize.isPositive else { throw fail("tickSize", "must be positive") }
        guard lotSize.isPositive else { throw fail("lotSize", "must be positive") }
        guard !minNotional.isNegative else { throw fail("minNotional", "must not be negative") }
        guard maxOrderQuantity >= lotSize, maxOrderQuantity.isMultiple(of: lotSize) else {
            throw fail("maxOrderQuantity", "must be a positive multiple of lotSize")
        }
        guard maxPrice >= tickSize, maxPrice.isMultiple(of: tickSize) else {
            throw fail("maxPrice", "must be a positive multiple of tickSize")
        }
        guard maxOrderQuantity.valueIfRepresentable(at: maxPrice, rounding: .up)
            .map({ $0 <= MarketSpec.maxNotional }) ?? false
        else {
            throw fail("maxOrderQuantity", "times maxPrice must not exceed \(MarketSpec.maxNotional)")
        }
        guard !riskTiers.isEmpty else { throw fail("riskTiers", "must hold at least one tier") }
        for (index, tier) in riskTiers.enumerated() {
            let path = "riskTiers[\(index)]"
            guard tier.maxLeverage >= 1, tier.maxLeverage <= 1000 else {
                throw fail("\(path).maxLeverage", "must be between 1 and 1000")
            }
            guard tier.maintenanceMarginRate.isPositive else {
                throw fail("\(path).maintenanceMarginRate", "must be positive")
            }
            guard Int128(tier.maintenanceMarginRate.raw) * Int128(tier.maxLeverage) < Int128(Rate.one.raw) else {
                throw fail("\(path).maintenanceMarginRate", "must be below the initial margin rate 1/maxLeverage")
            }
            guard tier.notionalFloor <= MarketSpec.maxNotional else {
                throw fail("\(path).notionalFloor", "must not exceed \(MarketSpec.maxNotional)")
            }
            if index == 0 {
                guard tier.notionalFloor.isZero else { throw fail("\(path).notionalFloor", "must be 0 for the first tier") }
                continue
            }
            let previous = riskTiers[index - 1]
            guard tier.notionalFloor > previous.notionalFloor else {
                throw fail("\(path).notionalFloor", "must be greater than riskTiers[\(index - 1)].notionalFloor")
            }
            guard tier.maxLeverage <= previous.maxLeverage else {
                throw fail("\(path).maxLeverage", "must not exceed riskTiers[\(index - 1)].maxLeverage")
            }
            guard tier.maintenanceMarginRate >= previous.maintenanceMarginRate else {
                throw fail("\(path).maintenanceMarginRate",
                           "must not be below riskTiers[\(index - 1)].maintenanceMarginRate")
            }
        }
        for (field, rate) in [("makerFeeRate", makerFeeRate), ("takerFeeRate", takerFeeRate),
                              ("liquidationFeeRate", liquidationFeeRate)] {
            guard !rate.isNegative, rate < Rate("0.1")! else { throw fail(field, "must be between 0 and 0.1") }
        }
        guard priceBand.isPositive, priceBand < Rate.one else { throw fail("priceBand", "must be between 0 and 1") }
        guard funding.intervalMilliseconds >= 60_000 else {
            throw fail("funding.intervalMilliseconds", "must be at least 60000")
        }
        guard !funding.premiumClamp.isNegative else { throw fail("funding.premiumClamp", "must not be negative") }
        guard funding.rateCap.isPositive, funding.rateCap < Rate.one else {
            throw fail("funding.rateCap", "must be between 0 and 1")
        }
        guard funding.interestRate.magnitude <= funding.rateCap else {
            throw fail("funding.interestRate", "must be within funding.rateCap")
        }
        guard markPrice.sourceDeviationLimit.isPositive else {
            throw fail("markPrice.sourceDeviationLimit", "must be positive")
        }
        guard markPrice.basisWindowMilliseconds >= 1_000 else {
            throw fail("markPrice.basisWindowMilliseconds", "must be at least 1000")
        }
        let rules = liquidation
        guard rules.sliceFraction.isPositive, rules.sliceFraction <= Rate.one else {
            throw fail("liquidation.sliceFraction", "must be above 0 and at most 1")
        }
        guard !rules.sliceAboveNotional.isNegative else {
            throw fail("liquidation.sliceAboveNotional", "must not be negative")
        }
        guard rules.backstopThreshold.isPositive, rules.backstopThreshold < Rate.one else {
            throw fail("liquidation.backstopThreshold", "must be between 0 and 1")
        }
        guard rules.fundUnwindFraction.isPositive, rules.fundUnwindFraction <= Rate.one else {
            throw fail("liquidation.fundUnwindFraction", "must be above 0 and at most 1")
        }
        guard rules.fundUnwindSlippage.isPositive, rules.fundUnwindSlippage <= priceBand else {
            throw fail("liquidation.fundUnwindSlippage", "must be above 0 and at most priceBand")
        }
        if let pool = rules.insuranceFund, pool.isEmpty || pool.utf8.count > 32 {
            throw fail("liquidation.insuranceFund", "must be 1 to 32 bytes")
        }
        var result = self
        result.riskTiers = RiskTier.withMaintenanceAmounts(riskTiers)
        return result
    }
}
