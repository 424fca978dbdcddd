import BackstopCore
import BackstopEngine

/// One position's figures at the current mark, as Binance's account and positionRisk endpoints
/// report them, all computed by the engine's own margin functions.
struct PositionFigures: Sendable {
    var symbol: String
    var position: Position
    var markPrice: Price
    /// `quantity × mark`, signed: negative for a short.
    var notional: Money
    var unrealizedPnL: Money
    /// `|notional| / leverage`.
    var initialMargin: Money
    var openOrderInitialMargin: Money
    var maintenanceMargin: Money
    var liquidationPrice: Price?
    /// The position's tier cap at its leverage (Binance's `maxNotionalValue`).
    var maxNotional: Money

    init(_ position: Position, of account: Account, in engine: Engine) {
        let market = engine.markets[position.market]
        symbol = market.symbol
        self.position = position
        markPrice = market.markPrice ?? .zero
        notional = MarginMath.markValue(position.quantity, at: markPrice)
        unrealizedPnL = engine.unrealizedPnL(of: position)
        initialMargin = MarginMath.initialMargin(
            notional: MarginMath.notional(position.quantity, at: markPrice), leverage: position.leverage)
        openOrderInitialMargin = position.openOrderInitialMargin
        maintenanceMargin = engine.maintenanceMargin(of: position)
        liquidationPrice = engine.liquidationPrice(of: position, in: account)
        maxNotional = LeverageBrackets.maxNotional(leverage: position.leverage, tiers: market.spec.riskTiers)
    }

    /// Binance's `isolatedMargin`: the isolated wallet plus unrealized profit; zero for cross.
    var isolatedMargin: Money {
        position.marginMode == .isolated ? position.isolatedWallet + unrealizedPnL : .zero
    }
}
