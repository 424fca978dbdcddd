import BackstopCore
import BackstopEngine
import Testing

@testable import BackstopServer

@Suite("Signed requests are checked as Binance checks them")
struct RequestAuthenticatorTests {
    static let now: Int64 = 1_700_000_000_000
    static let alice = TraderKey(apiKey: "alice-key", secretKey: "alice-secret", account: AccountID(1))
    static let admin = KeyPair(apiKey: "admin-key", secretKey: "admin-secret")

    static func authenticator() throws -> RequestAuthenticator {
        RequestAuthenticator(
            keys: try KeyStore(admin: admin, traders: [alice], file: nil), limits: RequestLimits(),
            clock: ManualClock(now))
    }

    /// A request signed with `secret`, `timestamp` milliseconds after `now` (negative: before).
    static func request(_ query: String, secret: String = alice.secretKey, age: Int64 = 0, recvWindow: Int64? = nil) throws
        -> RequestParameters
    {
        var text = query + (query.isEmpty ? "" : "&") + "timestamp=\(now - age)"
        if let recvWindow { text += "&recvWindow=\(recvWindow)" }
        return try RequestParameters(query: text + "&signature=" + RequestAuthenticator.sign(text, secret: secret), body: "")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var apiKey: String?
        var parameters: @Sendable () throws -> RequestParameters
        var expected: Int
        var testDescription: String { name }
    }

    static let refusals: [Case] = [
        Case(name: "no key", apiKey: nil, parameters: { try request("symbol=BTCUSDT") }, expected: -1002),
        Case(name: "a key with spaces", apiKey: "alice key", parameters: { try request("symbol=BTCUSDT") }, expected: -2014),
        Case(name: "an unknown key", apiKey: "mallory-key", parameters: { try request("symbol=BTCUSDT") }, expected: -2015),
        Case(
            name: "no timestamp", apiKey: alice.apiKey,
            parameters: { try RequestParameters(query: "symbol=BTCUSDT&signature=00", body: "") }, expected: -1102),
        Case(
            name: "no signature", apiKey: alice.apiKey,
            parameters: { try RequestParameters(query: "symbol=BTCUSDT&timestamp=\(now)", body: "") }, expected: -1102),
        Case(
            name: "signed with another secret", apiKey: alice.apiKey,
            parameters: { try request("symbol=BTCUSDT", secret: "guess") }, expected: -1022),
        Case(
            name: "a parameter changed after signing", apiKey: alice.apiKey,
            parameters: {
                let text = "symbol=BTCUSDT&quantity=1&timestamp=\(now)"
                let signature = RequestAuthenticator.sign(text, secret: alice.secretKey)
                return try RequestParameters(query: "symbol=BTCUSDT&quantity=9&timestamp=\(now)&signature=\(signature)", body: "")
            }, expected: -1022),
        Case(name: "older than the default 5 s window", apiKey: alice.apiKey, parameters: { try request("", age: 5_001) }, expected: -1021),
        Case(
            name: "older than its own recvWindow", apiKey: alice.apiKey,
            parameters: { try request("", age: 2_000, recvWindow: 1_000) }, expected: -1021),
        Case(
            name: "a timestamp of Int64.min", apiKey: alice.apiKey,
            parameters: {
                let text = "timestamp=\(Int64.min)"
                return try RequestParameters(query: text + "&signature=" + RequestAuthenticator.sign(text, secret: alice.secretKey), body: "")
            }, expected: -1021),
        Case(name: "more than 1 s in the future", apiKey: alice.apiKey, parameters: { try request("", age: -1_001) }, expected: -1021),
        Case(
            name: "a recvWindow above 60 s", apiKey: alice.apiKey, parameters: { try request("", recvWindow: 60_001) },
            expected: -1100),
    ]

    @Test("refuses", arguments: refusals)
    func refuses(_ refusal: Case) throws {
        let authenticator = try Self.authenticator()
        let parameters = try refusal.parameters()
        do {
            let principal = try authenticator.authenticate(apiKey: refusal.apiKey, parameters: parameters)
            Issue.record("accepted as \(principal)")
        } catch {
            #expect(error.code == refusal.expected, "\(error)")
        }
    }

    @Test("accepts a request signed over the query and the body together, within its window")
    func acceptsQueryAndBody() throws {
        let authenticator = try Self.authenticator()
        let query = "symbol=BTCUSDT"
        let body = "side=BUY&timestamp=\(Self.now - 4_000)"
        let signature = RequestAuthenticator.sign(query + body, secret: Self.alice.secretKey)
        let parameters = try RequestParameters(query: query, body: body + "&signature=" + signature)
        #expect(try authenticator.authenticate(apiKey: Self.alice.apiKey, parameters: parameters) == .trader(AccountID(1)))
    }

    @Test("a signed request is accepted once: the same one again is a replay")
    func refusesReplay() throws {
        let authenticator = try Self.authenticator()
        let parameters = try Self.request("symbol=BTCUSDT")
        #expect(try authenticator.authenticate(apiKey: Self.alice.apiKey, parameters: parameters) == .trader(AccountID(1)))
        #expect(throws: APIError.replayed) { try authenticator.authenticate(apiKey: Self.alice.apiKey, parameters: parameters) }
    }

    @Test("a read may be sent twice: it changes nothing, and fast honest clients repeat reads within a millisecond")
    func repeatedRead() throws {
        let authenticator = try Self.authenticator()
        let parameters = try Self.request("symbol=BTCUSDT")
        for _ in 0..<2 {
            #expect(
                try authenticator.authenticate(apiKey: Self.alice.apiKey, parameters: parameters, changesState: false)
                    == .trader(AccountID(1)))
        }
        #expect(try authenticator.authenticate(apiKey: Self.alice.apiKey, parameters: parameters) == .trader(AccountID(1)))
        #expect(throws: APIError.replayed) { try authenticator.authenticate(apiKey: Self.alice.apiKey, parameters: parameters) }
    }

    @Test("the admin key authenticates as the admin, not as an account")
    func adminKey() throws {
        let authenticator = try Self.authenticator()
        let parameters = try Self.request("symbol=BTCUSDT", secret: Self.admin.secretKey)
        #expect(try authenticator.authenticate(apiKey: Self.admin.apiKey, parameters: parameters) == .admin)
    }

    @Test("the hex HMAC-SHA256 matches Binance's documented example")
    func binanceExample() {
        let text =
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        let secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
        #expect(RequestAuthenticator.sign(text, secret: secret) == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    }
}

@Suite("Request parameters are read from the query and the body")
struct RequestParametersTests {
    @Test("percent escapes and plus signs are decoded, and the signed text is kept as sent")
    func decoding() throws {
        let parameters = try RequestParameters(query: "newClientOrderId=x%2Dab+c&price=1.5", body: "")
        #expect(parameters["newClientOrderId"] == "x-ab c")
        #expect(parameters.signedText == "newClientOrderId=x%2Dab+c&price=1.5")
    }

    @Test("a parameter given twice is refused with -1101")
    func duplicate() {
        #expect(throws: APIError.duplicated("symbol")) { try RequestParameters(query: "symbol=A", body: "symbol=B") }
    }

    @Test("a broken escape is refused with -1100")
    func brokenEscape() {
        #expect(throws: APIError.self) { try RequestParameters(query: "symbol=%G1", body: "") }
    }

    struct DecimalCase: CustomTestStringConvertible, Sendable {
        var text: String
        var code: Int?
        var testDescription: String { "'\(text)'" }
    }

    @Test(
        "decimals: plain ones pass, words are -1100, too many digits -1111",
        arguments: [
            DecimalCase(text: "65000.5", code: nil), DecimalCase(text: "abc", code: -1100), DecimalCase(text: "1e5", code: -1100),
            DecimalCase(text: "0.000000000001", code: -1111),
        ])
    func decimals(_ sample: DecimalCase) throws {
        let parameters = try RequestParameters(query: "price=\(sample.text)", body: "")
        do {
            _ = try parameters.decimal("price", as: Price.self)
            #expect(sample.code == nil)
        } catch {
            #expect(error.code == sample.code)
        }
    }

    @Test("a missing mandatory parameter is -1102")
    func missing() throws {
        let parameters = try RequestParameters(query: "symbol=", body: "")
        #expect(throws: APIError.missing("symbol")) { try parameters.required("symbol") }
    }
}
