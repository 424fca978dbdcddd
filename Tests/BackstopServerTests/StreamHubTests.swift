import BackstopEngine
import Testing

@testable import BackstopServer

@Suite("StreamHub delivers to each audience's subscribers and drops connections that fall behind")
struct StreamHubTests {
    @Test("a message reaches the subscribers of its audience only, under the names they subscribed")
    func deliversByAudience() async {
        let hub = StreamHub()
        let (trades, tradesStream) = hub.connect()
        let (marks, marksStream) = hub.connect()
        hub.subscribe(trades, name: "btcusdt@aggTrade", to: .stream("btcusdt@aggTrade"))
        hub.subscribe(marks, name: "btcusdt@markPrice@1s", to: .stream("btcusdt@markPrice"))
        hub.subscribe(marks, name: "btcusdt@markPrice", to: .stream("btcusdt@markPrice"))
        hub.deliver([
            StreamMessage(audience: .stream("btcusdt@aggTrade"), payload: "A"),
            StreamMessage(audience: .stream("btcusdt@markPrice"), payload: "M"),
            StreamMessage(audience: .account(AccountID(1)), payload: "U"),
        ])
        hub.disconnect(trades)
        hub.disconnect(marks)
        var received: [StreamHub.Outgoing] = []
        for await item in tradesStream { received.append(item) }
        #expect(received == [.message(stream: "btcusdt@aggTrade", payload: "A")])
        received = []
        for await item in marksStream { received.append(item) }
        #expect(received == [
            .message(stream: "btcusdt@markPrice@1s", payload: "M"), .message(stream: "btcusdt@markPrice", payload: "M"),
        ])
        #expect(hub.connectionCount == 0)
        #expect(hub.subscriberCount(.stream("btcusdt@markPrice")) == 0)
    }

    @Test("after unsubscribing, nothing more arrives; subscriptions are listed in order")
    func unsubscribes() async {
        let hub = StreamHub()
        let (id, stream) = hub.connect()
        hub.subscribe(id, name: "btcusdt@depth", to: .stream("btcusdt@depth"))
        hub.subscribe(id, name: "btcusdt@aggTrade", to: .stream("btcusdt@aggTrade"))
        #expect(hub.subscriptions(id) == ["btcusdt@depth", "btcusdt@aggTrade"])
        hub.unsubscribe(id, name: "btcusdt@depth")
        #expect(hub.subscriberCount(.stream("btcusdt@depth")) == 0)
        hub.deliver([StreamMessage(audience: .stream("btcusdt@depth"), payload: "D")])
        hub.disconnect(id)
        var received: [StreamHub.Outgoing] = []
        for await item in stream { received.append(item) }
        #expect(received.isEmpty)
    }

    @Test("a connection more than its backlog behind is dropped: its stream ends and it is forgotten")
    func dropsSlowConsumers() async {
        let hub = StreamHub(backlog: 2)
        let (id, stream) = hub.connect()
        hub.subscribe(id, name: "btcusdt@trade", to: .stream("btcusdt@trade"))
        hub.deliver((1...3).map { StreamMessage(audience: .stream("btcusdt@trade"), payload: "\($0)") })
        #expect(hub.connectionCount == 0)
        #expect(hub.subscriberCount(.stream("btcusdt@trade")) == 0)
        var received: [StreamHub.Outgoing] = []
        for await item in stream { received.append(item) }
        #expect(received.count == 2)
    }
}

@Suite("Stream names map to audiences")
struct StreamNameTests {
    @Test(
        "known names and their speed suffixes share one audience; anything else is refused",
        arguments: [
            ("btcusdt@markPrice", "btcusdt@markPrice"),
            ("btcusdt@markPrice@1s", "btcusdt@markPrice"),
            ("BTCUSDT@depth@100ms", "btcusdt@depth"),
            ("btcusdt@depth", "btcusdt@depth"),
            ("btcusdt@depth5", "btcusdt@depth5"),
            ("btcusdt@depth20@500ms", "btcusdt@depth20"),
            ("btcusdt@aggTrade", "btcusdt@aggTrade"),
            ("btcusdt@trade", "btcusdt@trade"),
            ("btcusdt@forceOrder", "btcusdt@forceOrder"),
            ("!forceOrder@arr", "!forceOrder@arr"),
            ("!markPrice@arr@1s", "!markPrice@arr"),
            ("btcusdt@kline_1m", nil),
            ("btcusdt@depth7", nil),
            ("btcusdt@aggTrade@1s", nil),
            ("@aggTrade", nil),
            ("btc usdt@trade", nil),
        ] as [(String, String?)])
    func audiences(name: String, audience: String?) {
        #expect(StreamName.audience(of: name) == audience.map { StreamMessage.Audience.stream($0) })
    }
}
