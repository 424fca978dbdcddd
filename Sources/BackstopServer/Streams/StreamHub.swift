import Synchronization

/// Delivers stream messages to the WebSocket connections subscribed to them.
///
/// Each connection receives its messages through an `AsyncStream` buffering at most ``backlog``
/// of them. A connection that falls that far behind is dropped (its stream finishes) rather than
/// let memory grow. Subscribers are kept per audience, so delivering a message costs in proportion
/// to its audience's subscribers, not to the number of connections.
public final class StreamHub: Sendable {
    /// A connection's number, unique within the hub.
    public typealias ConnectionID = UInt64

    /// What a connection is sent.
    public enum Outgoing: Hashable, Sendable {
        /// A stream message, with the stream name it was subscribed under.
        case message(stream: String, payload: String)
        /// An answer to one of the connection's own requests, or a notice for it alone.
        case reply(String)
        /// The connection is to be closed after what came before.
        case close(reason: String)
    }

    /// The default ``backlog``.
    public static let defaultBacklog = 10_000
    /// The most subscriptions one connection may hold (Binance's limit).
    public static let maxSubscriptions = 1_024

    /// How many unsent messages a connection may have before it is dropped.
    public let backlog: Int
    private let state = Mutex(State())

    private struct Connection {
        var continuation: AsyncStream<Outgoing>.Continuation
        /// Stream names in the order subscribed, with their audiences.
        var subscriptions: [(name: String, audience: StreamMessage.Audience)] = []
    }

    private struct State {
        var nextID: ConnectionID = 1
        var connections: [ConnectionID: Connection] = [:]
        /// Per audience, each subscribed connection and the names it subscribed under.
        var audiences: [StreamMessage.Audience: [ConnectionID: [String]]] = [:]

        /// Forgets a connection and returns its continuation, to be finished outside the lock.
        mutating func remove(_ id: ConnectionID) -> AsyncStream<Outgoing>.Continuation? {
            guard let connection = connections.removeValue(forKey: id) else { return nil }
            for (_, audience) in connection.subscriptions {
                audiences[audience]?.removeValue(forKey: id)
                if audiences[audience]?.isEmpty == true { audiences.removeValue(forKey: audience) }
            }
            return connection.continuation
        }
    }

    /// Creates a hub with no subscribers.
    public init(backlog: Int = StreamHub.defaultBacklog) {
        self.backlog = backlog
    }

    /// Registers a connection; it receives what is sent to it until it disconnects or falls behind.
    public func connect() -> (id: ConnectionID, outgoing: AsyncStream<Outgoing>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Outgoing.self, bufferingPolicy: .bufferingOldest(backlog))
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.connections[id] = Connection(continuation: continuation)
            return id
        }
        return (id, stream)
    }

    /// Forgets a connection and ends its stream.
    public func disconnect(_ id: ConnectionID) {
        state.withLock { $0.remove(id) }?.finish()
    }

    /// Subscribes a connection to the messages of `audience`, sent under `name`; subscribing to a
    /// name twice changes nothing.
    ///
    /// - Returns: false when the connection is gone or holds ``maxSubscriptions`` already.
    @discardableResult
    public func subscribe(_ id: ConnectionID, name: String, to audience: StreamMessage.Audience) -> Bool {
        state.withLock { state in
            guard var connection = state.connections[id], connection.subscriptions.count < Self.maxSubscriptions else {
                return false
            }
            guard !connection.subscriptions.contains(where: { $0.name == name }) else { return true }
            connection.subscriptions.append((name, audience))
            state.connections[id] = connection
            state.audiences[audience, default: [:]][id, default: []].append(name)
            return true
        }
    }

    /// Ends a connection's subscription to `name`.
    public func unsubscribe(_ id: ConnectionID, name: String) {
        state.withLock { state in
            guard var connection = state.connections[id],
                let index = connection.subscriptions.firstIndex(where: { $0.name == name })
            else { return }
            let audience = connection.subscriptions.remove(at: index).audience
            state.connections[id] = connection
            state.audiences[audience]?[id]?.removeAll { $0 == name }
            if state.audiences[audience]?[id]?.isEmpty == true { state.audiences[audience]?.removeValue(forKey: id) }
            if state.audiences[audience]?.isEmpty == true { state.audiences.removeValue(forKey: audience) }
        }
    }

    /// The stream names a connection is subscribed to, in the order subscribed.
    public func subscriptions(_ id: ConnectionID) -> [String] {
        state.withLock { $0.connections[id]?.subscriptions.map(\.name) ?? [] }
    }

    /// Sends something to one connection alone, after what it was sent before.
    public func send(_ outgoing: Outgoing, to id: ConnectionID) {
        let dropped = state.withLock { state -> AsyncStream<Outgoing>.Continuation? in
            guard let connection = state.connections[id] else { return nil }
            if case .enqueued = connection.continuation.yield(outgoing) { return nil }
            return state.remove(id)
        }
        dropped?.finish()
    }

    /// Sends `messages` to their subscribers, in order. A connection whose backlog is full is
    /// dropped.
    public func deliver(_ messages: [StreamMessage]) {
        let dropped = state.withLock { state -> [AsyncStream<Outgoing>.Continuation] in
            var dropped: [AsyncStream<Outgoing>.Continuation] = []
            for message in messages {
                guard let subscribers = state.audiences[message.audience] else { continue }
                for (id, names) in subscribers {
                    guard let connection = state.connections[id] else { continue }
                    for name in names {
                        guard case .enqueued = connection.continuation.yield(.message(stream: name, payload: message.payload))
                        else {
                            if let continuation = state.remove(id) { dropped.append(continuation) }
                            break
                        }
                    }
                }
            }
            return dropped
        }
        for continuation in dropped { continuation.finish() }
    }

    /// The number of connections.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// The number of connections subscribed to `audience`.
    public func subscriberCount(_ audience: StreamMessage.Audience) -> Int {
        state.withLock { $0.audiences[audience]?.count ?? 0 }
    }
}
