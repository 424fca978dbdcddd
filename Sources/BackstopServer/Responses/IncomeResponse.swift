import BackstopCore
import BackstopEngine

/// A row of Binance's `income`.
struct IncomeResponse: Encodable, Sendable {
    var symbol: String
    var incomeType: String
    var income: String
    var asset: String
    var info: String
    var time: Timestamp
    var tranId: UInt64
    var tradeId: String

    init(_ entry: IncomeEntry, asset: String) {
        symbol = entry.symbol
        incomeType = entry.kind.rawValue
        income = entry.amount.description
        self.asset = asset
        info = entry.kind.rawValue
        time = entry.time
        tranId = entry.transactionId
        tradeId = entry.tradeId.map(String.init) ?? ""
    }
}
