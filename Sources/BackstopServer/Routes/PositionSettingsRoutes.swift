import BackstopCore
import BackstopEngine
import Foundation
import Hummingbird

/// Binance's position settings: `leverage`, `marginType`, `positionMargin`, and the risk tiers
/// behind them, `leverageBracket`.
enum PositionSettingsRoutes {
    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.post("/fapi/v1/leverage") { request, _ in try await setLeverage(request, services) }
        router.post("/fapi/v1/marginType") { request, _ in try await setMarginType(request, services) }
        router.post("/fapi/v1/positionMargin") { request, _ in try await adjustMargin(request, services) }
        router.get("/fapi/v1/leverageBracket") { request, _ in try await leverageBrackets(request, services) }
    }

    struct LeverageAnswer: Encodable, Sendable {
        var leverage: Int
        var maxNotionalValue: String
        var symbol: String
    }

    static func setLeverage(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        guard let leverage = try parameters.integer("leverage", in: 1...Int64(Int.max)) else { throw APIError.missing("leverage") }
        let answer = try await services.accepted(
            .setLeverage(SetLeverage(account: account, symbol: symbol, leverage: Int(leverage))),
            refusal: { rejection in
                rejection.reason == .invalidLeverage ? APIError(-4028, "Leverage \(leverage) is not valid: \(rejection.message).") : APIError(rejection)
            }
        ) { _, engine, _ in
            let tiers = engine.market(symbol)?.spec.riskTiers ?? []
            return LeverageAnswer(
                leverage: Int(leverage),
                maxNotionalValue: LeverageBrackets.maxNotional(leverage: Int(leverage), tiers: tiers).description, symbol: symbol)
        }
        return try JSONResponse.make(answer)
    }

    static func setMarginType(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        guard let mode = BinanceNames.marginMode(try parameters.required("marginType").uppercased()) else {
            throw APIError.badValue("marginType", "expected ISOLATED or CROSSED")
        }
        let position = await services.venue.read { engine, _ in
            engine.market(symbol).flatMap { market in engine.account(account)?.position(market: market.index) }
        }
        if (position?.marginMode ?? .cross) == mode {
            throw APIError(-4046, "No need to change margin type.")
        }
        try await services.accepted(
            .setMarginMode(SetMarginMode(account: account, symbol: symbol, mode: mode)),
            refusal: { rejection in
                guard rejection.reason == .positionOrOrdersOpen else { return APIError(rejection) }
                return position?.quantity.isZero == false
                    ? APIError(-4048, "Margin type cannot be changed if there exists position.")
                    : APIError(-4047, "Margin type cannot be changed if there exists open orders.")
            }
        ) { _, _, _ in }
        return try JSONResponse.make(CodeMessage(code: 200, msg: "success"))
    }

    struct MarginAnswer: Encodable, Sendable {
        var amount: Decimal
        var code = 200
        var msg = "Successfully modify position margin."
        var type: Int
    }

    static func adjustMargin(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        if let positionSide = parameters["positionSide"], positionSide != "BOTH" {
            throw APIError(-4061, "Order's position side does not match user's setting.")
        }
        guard let amount = try parameters.decimal("amount", as: Money.self) else { throw APIError.missing("amount") }
        guard amount.isPositive else { throw APIError.badValue("amount", "must be positive") }
        guard let type = try parameters.integer("type", in: 1...2) else { throw APIError.missing("type") }
        try await services.accepted(
            .adjustIsolatedMargin(AdjustIsolatedMargin(account: account, symbol: symbol, amount: type == 1 ? amount : -amount))
        ) { _, _, _ in }
        return try JSONResponse.make(MarginAnswer(amount: LeverageBrackets.number(amount), type: Int(type)))
    }

    static func leverageBrackets(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (_, parameters) = try await services.trader(request)
        if parameters["symbol"] != nil {
            let symbol = try await services.symbol(parameters)
            let brackets = await services.venue.read { engine, _ in engine.market(symbol).map { LeverageBrackets($0.spec) } }
            guard let brackets else { throw APIError.badSymbol }
            return try JSONResponse.make(brackets)
        }
        let all = await services.venue.read { engine, _ in engine.markets.map { LeverageBrackets($0.spec) } }
        return try JSONResponse.make(all)
    }
}
