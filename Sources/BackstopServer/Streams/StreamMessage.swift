import BackstopEngine

/// One message for WebSocket subscribers: a market stream's or one account's user data stream.
public struct StreamMessage: Hashable, Sendable {
    /// Who receives it.
    public enum Audience: Hashable, Sendable {
        /// Subscribers of a market stream, named as Binance names it, such as `btcusdt@aggTrade`.
        case stream(String)
        /// The user data streams of one account.
        case account(AccountID)
    }

    /// Who receives it.
    public var audience: Audience
    /// The JSON payload.
    public var payload: String

    /// Creates a message.
    public init(audience: Audience, payload: String) {
        self.audience = audience
        self.payload = payload
    }
}
