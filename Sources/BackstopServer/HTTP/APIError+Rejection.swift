import BackstopEngine

extension APIError {
    /// The Binance error for a command the engine refused, carrying the engine's own message.
    public init(_ rejection: Rejection) {
        let code: Int
        switch rejection.reason {
        case .unknownMarket: code = -1121
        case .unknownOrder: code = -2011
        case .insufficientBalance, .insufficientMargin: code = -2019
        case .invalidQuantity: code = -4003
        case .invalidPrice: code = -4014
        case .priceOutOfBand: code = -4016
        case .belowMinNotional: code = -4164
        case .invalidLeverage: code = -4028
        case .exceedsPositionLimit: code = -2027
        case .positionOrOrdersOpen: code = -4047
        case .notIsolated: code = -4052
        case .reduceOnlyWouldIncrease, .reduceOnlyExceedsPosition: code = -2022
        case .postOnlyWouldMatch: code = -5022
        case .tooManyOrders: code = -2025
        case .invalidAmendment: code = -1130
        case .noMarkPrice: code = -4019
        case .fundingNotDue: code = -4099
        case .invalidAmount: code = -4001
        case .systemAccount, .unknownAccount: code = -2015
        case .timeWentBackwards, .invalidMarketSpec, .marketExists, .malformed: code = -1130
        }
        self.init(code, rejection.message)
    }
}
