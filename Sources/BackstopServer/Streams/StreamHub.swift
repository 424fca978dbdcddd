/// Delivers stream messages to the WebSocket connections subscribed to them.
public final class StreamHub: Sendable {
    /// Creates a hub with no subscribers.
    public init() {}

    /// Sends `messages` to their subscribers, in order.
    public func deliver(_ messages: [StreamMessage]) {}
}
