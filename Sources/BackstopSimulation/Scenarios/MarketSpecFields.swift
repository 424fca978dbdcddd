import BackstopCore

extension Decoder {
    /// Refuses unknown fields in a market spec and in its nested objects, naming them by their path.
    func rejectUnknownMarketSpecFields() throws {
        try rejectUnknownFields(MarketSpec.jsonFields)
        let container = try container(keyedBy: AnyKey.self)
        let nested: [(String, Set<String>)] = [
            ("funding", FundingSpec.jsonFields), ("markPrice", MarkPriceSpec.jsonFields),
            ("liquidation", LiquidationSpec.jsonFields), ("deleveraging", DeleveragingSpec.jsonFields),
        ]
        for (field, known) in nested where container.contains(AnyKey(stringValue: field)) {
            try container.superDecoder(forKey: AnyKey(stringValue: field)).rejectUnknownFields(known)
        }
        let tiersKey = AnyKey(stringValue: "riskTiers")
        if container.contains(tiersKey) {
            var tiers = try container.nestedUnkeyedContainer(forKey: tiersKey)
            while !tiers.isAtEnd {
                try tiers.superDecoder().rejectUnknownFields(RiskTier.jsonFields)
            }
        }
    }
}
