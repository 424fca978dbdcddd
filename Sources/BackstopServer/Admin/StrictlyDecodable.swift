import BackstopCore
import BackstopEngine

/// A spec the admin API decodes strictly: a misspelt optional field is refused rather than
/// silently left at its default (a market whose `insuranceFund` is misspelt would otherwise be
/// listed with no fund behind it).
protocol StrictlyDecodable: Decodable {
    /// Throws a `DecodingError.dataCorrupted` naming the first field the type does not read.
    static func rejectUnknownFields(in decoder: any Decoder) throws
}

extension MarketSpec: StrictlyDecodable {
    static func rejectUnknownFields(in decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(MarketSpec.jsonFields)
        let container = try decoder.container(keyedBy: FieldName.self)
        let nested: [(String, Set<String>)] = [
            ("funding", FundingSpec.jsonFields), ("markPrice", MarkPriceSpec.jsonFields),
            ("liquidation", LiquidationSpec.jsonFields), ("deleveraging", DeleveragingSpec.jsonFields),
        ]
        for (field, known) in nested where container.contains(FieldName(field)) {
            try container.superDecoder(forKey: FieldName(field)).rejectUnknownFields(known)
        }
        if container.contains(FieldName("riskTiers")) {
            var tiers = try container.nestedUnkeyedContainer(forKey: FieldName("riskTiers"))
            while !tiers.isAtEnd {
                try tiers.superDecoder().rejectUnknownFields(RiskTier.jsonFields)
            }
        }
    }
}

extension InsuranceFundSpec: StrictlyDecodable {
    static func rejectUnknownFields(in decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(InsuranceFundSpec.jsonFields)
    }
}

/// Any field name of a JSON object.
private struct FieldName: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses the fields of this object that are not in `known`.
    fileprivate func rejectUnknownFields(_ known: Set<String>) throws {
        let container = try container(keyedBy: FieldName.self)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath + [key],
                    debugDescription: "unknown field (known: \(known.sorted().joined(separator: ", ")))"))
        }
    }
}
