import Hummingbird
import HummingbirdWebSocket

/// The context of every request the venue serves, WebSocket upgrades included.
public struct VenueRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}
