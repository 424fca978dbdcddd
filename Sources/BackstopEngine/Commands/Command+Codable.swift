extension Command {
    enum CodingKeys: String, CodingKey { case time, type }

    /// The JSON `type` of each action.
    public enum ActionType: String, Sendable, Codable, CaseIterable {
        case createMarket, createInsuranceFund, deposit, withdraw, setLeverage, setMarginMode, adjustIsolatedMargin
        case placeOrder, cancelOrder, cancelAllOrders, amendOrder, indexPrice, settleFunding
    }

    /// The JSON `type` of this command's action.
    public var type: ActionType {
        switch action {
        case .createMarket: .createMarket
        case .createInsuranceFund: .createInsuranceFund
        case .deposit: .deposit
        case .withdraw: .withdraw
        case .setLeverage: .setLeverage
        case .setMarginMode: .setMarginMode
        case .adjustIsolatedMargin: .adjustIsolatedMargin
        case .placeOrder: .placeOrder
        case .cancelOrder: .cancelOrder
        case .cancelAllOrders: .cancelAllOrders
        case .amendOrder: .amendOrder
        case .indexPrice: .indexPrice
        case .settleFunding: .settleFunding
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        time = try container.decode(Timestamp.self, forKey: .time)
        switch try container.decode(ActionType.self, forKey: .type) {
        case .createMarket: action = .createMarket(try .init(from: decoder))
        case .createInsuranceFund: action = .createInsuranceFund(try .init(from: decoder))
        case .deposit: action = .deposit(try .init(from: decoder))
        case .withdraw: action = .withdraw(try .init(from: decoder))
        case .setLeverage: action = .setLeverage(try .init(from: decoder))
        case .setMarginMode: action = .setMarginMode(try .init(from: decoder))
        case .adjustIsolatedMargin: action = .adjustIsolatedMargin(try .init(from: decoder))
        case .placeOrder: action = .placeOrder(try .init(from: decoder))
        case .cancelOrder: action = .cancelOrder(try .init(from: decoder))
        case .cancelAllOrders: action = .cancelAllOrders(try .init(from: decoder))
        case .amendOrder: action = .amendOrder(try .init(from: decoder))
        case .indexPrice: action = .indexPrice(try .init(from: decoder))
        case .settleFunding: action = .settleFunding(try .init(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(type, forKey: .type)
        switch action {
        case .createMarket(let body): try body.encode(to: encoder)
        case .createInsuranceFund(let body): try body.encode(to: encoder)
        case .deposit(let body): try body.encode(to: encoder)
        case .withdraw(let body): try body.encode(to: encoder)
        case .setLeverage(let body): try body.encode(to: encoder)
        case .setMarginMode(let body): try body.encode(to: encoder)
        case .adjustIsolatedMargin(let body): try body.encode(to: encoder)
        case .placeOrder(let body): try body.encode(to: encoder)
        case .cancelOrder(let body): try body.encode(to: encoder)
        case .cancelAllOrders(let body): try body.encode(to: encoder)
        case .amendOrder(let body): try body.encode(to: encoder)
        case .indexPrice(let body): try body.encode(to: encoder)
        case .settleFunding(let body): try body.encode(to: encoder)
        }
    }
}
