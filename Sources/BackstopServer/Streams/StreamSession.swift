import BackstopEngine
import HummingbirdWebSocket
import Synchronization

/// One WebSocket connection to the streams: its subscriptions, the requests it sends, and the
/// messages the hub delivers to it, written by one task in order.
///
/// A malformed request, an unknown stream or an invalid listen key is answered with an error and
/// the connection is closed. A user data subscription ends with `listenKeyExpired` when its key
/// expires.
final class StreamSession: Sendable {
    /// The largest request a client may send, in bytes.
    static let maxRequestBytes = 65_536
    /// How often user data subscriptions check that their listen key is still valid.
    static let listenKeyCheckInterval = Duration.seconds(1)

    let services: VenueServices
    /// True for combined streams: messages are wrapped as `{"stream":...,"data":...}`.
    let combined: Atomic<Bool>
    let id: StreamHub.ConnectionID

    private var hub: StreamHub { services.hub }

    private init(services: VenueServices, combined: Bool, id: StreamHub.ConnectionID) {
        self.services = services
        self.combined = Atomic(combined)
        self.id = id
    }

    /// Serves a connection until the client leaves, its requests fail, or it falls behind.
    ///
    /// - Parameter names: the streams named by the URL, subscribed before anything is read.
    static func serve(
        names: [String], combined: Bool, services: VenueServices, inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter
    ) async throws {
        let (id, outgoing) = services.hub.connect()
        let session = StreamSession(services: services, combined: combined, id: id)
        defer { services.hub.disconnect(id) }
        if let failure = await session.subscribe(names) {
            try await outbound.write(.text(StreamRequest.error(code: failure.code, failure.message, id: nil)))
            try await outbound.close(.policyViolation, reason: failure.message)
            return
        }
        // Each task answers whether the connection is over; a refused request is not, until the
        // writer has sent the refusal and closed.
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await session.write(outgoing, to: outbound)
                return true
            }
            group.addTask { try await session.read(inbound) }
            group.addTask {
                try await session.watchListenKeys()
                return true
            }
            while let over = try await group.next(), !over {}
            group.cancelAll()
        }
    }

    /// Writes what the hub sends until the connection is to close or its stream ends.
    private func write(_ outgoing: AsyncStream<StreamHub.Outgoing>, to outbound: WebSocketOutboundWriter) async throws {
        for await item in outgoing {
            switch item {
            case .message(let stream, let payload):
                let text = combined.load(ordering: .relaxed)
                    ? "{\"stream\":\(JSONText.string(stream)),\"data\":\(payload)}" : payload
                try await outbound.write(.text(text))
            case .reply(let text):
                try await outbound.write(.text(text))
            case .close(let reason):
                try await outbound.close(.policyViolation, reason: reason)
                return
            }
        }
        if !Task.isCancelled {
            try await outbound.close(.policyViolation, reason: "the connection fell too far behind")
        }
    }

    /// Answers the client's requests until it leaves (true) or sends one that cannot be answered
    /// (false: the refusal is on its way, and the connection closes after it).
    private func read(_ inbound: WebSocketInboundStream) async throws -> Bool {
        for try await message in inbound.messages(maxSize: Self.maxRequestBytes) {
            guard case .text(let text) = message, let request = StreamRequest.parse(text) else {
                refuse(code: 3, "Invalid JSON: expected {\"method\":...,\"params\":[...],\"id\":...}", id: nil)
                return false
            }
            guard await answer(request) else { return false }
        }
        return true
    }

    /// Answers one request; false when it was refused and the connection is closing.
    private func answer(_ request: StreamRequest) async -> Bool {
        switch request.method {
        case "SUBSCRIBE":
            guard let names = request.names, !names.isEmpty else {
                refuse(code: 2, "Invalid request: 'params' must be a non-empty array of stream names", id: request.id)
                return false
            }
            if let failure = await subscribe(names) {
                refuse(code: failure.code, failure.message, id: request.id)
                return false
            }
            hub.send(.reply(StreamRequest.result("null", id: request.id)), to: id)
        case "UNSUBSCRIBE":
            guard let names = request.names else {
                refuse(code: 2, "Invalid request: 'params' must be an array of stream names", id: request.id)
                return false
            }
            for name in names { hub.unsubscribe(id, name: name) }
            hub.send(.reply(StreamRequest.result("null", id: request.id)), to: id)
        case "LIST_SUBSCRIPTIONS":
            let names = hub.subscriptions(id).map(JSONText.string)
            hub.send(.reply(StreamRequest.result(JSONText.array(names), id: request.id)), to: id)
        case "SET_PROPERTY":
            guard case .text("combined") = request.params?.first, request.params?.count == 2,
                case .flag(let flag) = request.params?.last
            else {
                refuse(code: 0, "Unknown property: only [\"combined\", true|false] can be set", id: request.id)
                return false
            }
            combined.store(flag, ordering: .relaxed)
            hub.send(.reply(StreamRequest.result("null", id: request.id)), to: id)
        case "GET_PROPERTY":
            guard case .text("combined") = request.params?.first, request.params?.count == 1 else {
                refuse(code: 0, "Unknown property: only \"combined\" can be read", id: request.id)
                return false
            }
            let flag = combined.load(ordering: .relaxed)
            hub.send(.reply(StreamRequest.result(flag ? "true" : "false", id: request.id)), to: id)
        default:
            refuse(code: 2, "Invalid request: unknown method '\(request.method)'", id: request.id)
            return false
        }
        return true
    }

    /// Sends an error and closes the connection after it.
    private func refuse(code: Int, _ message: String, id requestID: StreamRequest.ID?) {
        hub.send(.reply(StreamRequest.error(code: code, message, id: requestID)), to: id)
        hub.send(.close(reason: message), to: id)
    }

    /// Subscribes to market streams and listen keys; the first name that is neither is returned
    /// as a failure, and nothing after it is subscribed.
    private func subscribe(_ names: [String]) async -> (code: Int, message: String)? {
        let now = await services.venue.now
        for name in names {
            let audience: StreamMessage.Audience
            if let market = StreamName.audience(of: name) {
                audience = market
            } else if StreamName.couldBeListenKey(name) {
                guard let account = services.listenKeys.account(of: name, now: now) else {
                    return (-1125, "This listenKey does not exist.")
                }
                audience = .account(account)
            } else {
                return (2, "Invalid request: unknown stream '\(name)'")
            }
            guard hub.subscribe(id, name: name, to: audience) else {
                return (2, "Invalid request: at most \(StreamHub.maxSubscriptions) streams per connection")
            }
        }
        return nil
    }

    /// Ends each user data subscription whose listen key has expired, with `listenKeyExpired`.
    private func watchListenKeys() async throws {
        while true {
            try await Task.sleep(for: Self.listenKeyCheckInterval)
            let now = await services.venue.now
            for name in hub.subscriptions(id) where StreamName.audience(of: name) == nil {
                guard services.listenKeys.account(of: name, now: now) == nil else { continue }
                hub.unsubscribe(id, name: name)
                var json = JSONObjectWriter()
                json.field("e", "listenKeyExpired")
                json.field("E", now)
                json.field("listenKey", name)
                hub.send(.reply(json.json), to: id)
            }
        }
    }
}
