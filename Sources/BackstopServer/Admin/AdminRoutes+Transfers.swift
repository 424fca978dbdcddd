import BackstopCore
import BackstopEngine
import Hummingbird

extension AdminRoutes {
    /// `POST /admin/v1/deposit` and `/admin/v1/withdraw` with `account` and `amount`: credits an
    /// account's cross balance (creating the account) or debits it by at most its free collateral.
    static func transfer(_ request: Request, services: VenueServices, deposit: Bool) async throws -> Response {
        let parameters = try await services.admin(request)
        let account = try accountParameter(parameters)
        guard let amount = try parameters.decimal("amount", as: Money.self) else { throw APIError.missing("amount") }
        let action: Command.Action =
            deposit
            ? .deposit(Deposit(account: account, amount: amount)) : .withdraw(Withdraw(account: account, amount: amount))
        let answer = try await submit(action, services: services) { events, engine in
            events.lazy.compactMap { event -> TransferAnswer? in
                switch event {
                case .deposited(let moved), .withdrawn(let moved):
                    TransferAnswer(account: moved.account, amount: moved.amount, walletBalance: moved.walletBalance, time: engine.time)
                default: nil
                }
            }.first
        }
        guard let answer else { throw APIError.unknown("the transfer was accepted without moving money") }
        return try JSONResponse.make(answer)
    }

    /// The `account` parameter: a whole number from 0.
    ///
    /// - Throws: ``APIError`` -1102 when absent, -1100 when not a whole number.
    static func accountParameter(_ parameters: RequestParameters) throws(APIError) -> AccountID {
        guard let number = try parameters.integer("account", in: 0...Int64.max) else { throw APIError.missing("account") }
        return AccountID(UInt64(number))
    }
}

/// The answer to a deposit or a withdrawal.
struct TransferAnswer: Encodable, Sendable {
    var account: AccountID
    /// The amount moved.
    var amount: Money
    /// The account's cross wallet balance afterwards.
    var walletBalance: Money
    /// When it took effect.
    var time: Timestamp
}
