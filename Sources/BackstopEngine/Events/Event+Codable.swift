extension Event: Encodable {
    enum CodingKeys: String, CodingKey { case type }

    /// The JSON `type` of this event.
    public var type: String {
        switch self {
        case .marketCreated: "marketCreated"
        case .deposited: "deposited"
        case .withdrawn: "withdrawn"
        case .leverageSet: "leverageSet"
        case .marginModeSet: "marginModeSet"
        case .isolatedMarginAdjusted: "isolatedMarginAdjusted"
        case .orderAccepted: "orderAccepted"
        case .trade: "trade"
        case .orderClosed: "orderClosed"
        case .orderAmended: "orderAmended"
        case .markPriceUpdated: "markPriceUpdated"
        case .fundingSettled: "fundingSettled"
        case .fundingPaid: "fundingPaid"
        case .insuranceFundCreated: "insuranceFundCreated"
        case .insuranceFundChanged: "insuranceFundChanged"
        case .liquidationStarted: "liquidationStarted"
        case .liquidationStep: "liquidationStep"
        case .liquidationFeeCharged: "liquidationFeeCharged"
        case .fundTakeover: "fundTakeover"
        case .fundRefused: "fundRefused"
        case .deleveragingRequested: "deleveragingRequested"
        case .deleveraged: "deleveraged"
        case .vaultTakeover: "vaultTakeover"
        case .liquidationEnded: "liquidationEnded"
        case .badDebt: "badDebt"
        case .rejected: "rejected"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .marketCreated(let body): try body.encode(to: encoder)
        case .deposited(let body): try body.encode(to: encoder)
        case .withdrawn(let body): try body.encode(to: encoder)
        case .leverageSet(let body): try body.encode(to: encoder)
        case .marginModeSet(let body): try body.encode(to: encoder)
        case .isolatedMarginAdjusted(let body): try body.encode(to: encoder)
        case .orderAccepted(let body): try body.encode(to: encoder)
        case .trade(let body): try body.encode(to: encoder)
        case .orderClosed(let body): try body.encode(to: encoder)
        case .orderAmended(let body): try body.encode(to: encoder)
        case .markPriceUpdated(let body): try body.encode(to: encoder)
        case .fundingSettled(let body): try body.encode(to: encoder)
        case .fundingPaid(let body): try body.encode(to: encoder)
        case .insuranceFundCreated(let body): try body.encode(to: encoder)
        case .insuranceFundChanged(let body): try body.encode(to: encoder)
        case .liquidationStarted(let body): try body.encode(to: encoder)
        case .liquidationStep(let body): try body.encode(to: encoder)
        case .liquidationFeeCharged(let body): try body.encode(to: encoder)
        case .fundTakeover(let body): try body.encode(to: encoder)
        case .fundRefused(let body): try body.encode(to: encoder)
        case .deleveragingRequested(let body): try body.encode(to: encoder)
        case .deleveraged(let body): try body.encode(to: encoder)
        case .vaultTakeover(let body): try body.encode(to: encoder)
        case .liquidationEnded(let body): try body.encode(to: encoder)
        case .badDebt(let body): try body.encode(to: encoder)
        case .rejected(let body): try body.encode(to: encoder)
        }
    }
}
