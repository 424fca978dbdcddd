import BackstopCore
import BackstopEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOCore
import Synchronization
import Testing

@testable import BackstopServer

/// Bad input gets a clear error and loses nothing: every route is sent named malformed requests,
/// signed correctly where a signature is needed so that the malformed part is what is tested, and
/// each must answer 4xx with Binance's `{"code": <negative>, "msg": "..."}` and leave the engine's
/// state hash as it was. A seeded sweep of hostile parameters and a WebSocket sweep of hostile
/// frames follow; after each the venue still answers.
@Suite("Malformed requests get a Binance error, never a crash, and change nothing", .timeLimit(.minutes(5)))
struct MalformedRequestTests {
    /// Who a request is sent as.
    enum Auth: Sendable {
        /// No key.
        case none
        /// `X-MBX-APIKEY` only, unsigned (the listen key routes).
        case key(KeyPair)
        /// The key, and `timestamp` (unless the query has one) and `signature` appended.
        case signed(KeyPair)
        /// The key and a raw `X-MBX-APIKEY` value instead.
        case rawKey(String)
    }

    /// One named malformed request.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var method: HTTPRequest.Method
        var path: String
        /// The parameters as sent on the wire, already percent-escaped where meant to be.
        var query: String = ""
        var auth: Auth = .none
        /// A JSON body (admin listings), signed after the query string.
        var json: String? = nil
        /// The Binance code expected, when one is.
        var code: Int? = nil
        var testDescription: String { "\(method) \(path): \(name)" }
    }

    static let alice = TestVenue.alice.keyPair
    static let admin = TestVenue.admin

    /// Every route the venue serves, by method and path (the WebSocket ones are tested apart).
    static let routes: [(HTTPRequest.Method, String)] = [
        (.get, "/fapi/v1/ping"), (.get, "/fapi/v1/time"), (.get, "/fapi/v1/exchangeInfo"), (.get, "/fapi/v1/depth"),
        (.get, "/fapi/v1/trades"), (.get, "/fapi/v1/aggTrades"), (.get, "/fapi/v1/premiumIndex"), (.get, "/fapi/v1/fundingRate"),
        (.get, "/fapi/v1/ticker/price"), (.get, "/fapi/v2/ticker/price"), (.get, "/fapi/v1/ticker/24hr"),
        (.get, "/fapi/v1/insuranceBalance"), (.get, "/fapi/v1/symbolAdlRisk"),
        (.post, "/fapi/v1/order"), (.get, "/fapi/v1/order"), (.delete, "/fapi/v1/order"), (.get, "/fapi/v1/openOrders"),
        (.delete, "/fapi/v1/allOpenOrders"), (.post, "/fapi/v1/leverage"), (.post, "/fapi/v1/marginType"),
        (.post, "/fapi/v1/positionMargin"), (.get, "/fapi/v1/leverageBracket"),
        (.get, "/fapi/v2/account"), (.get, "/fapi/v3/account"), (.get, "/fapi/v2/balance"), (.get, "/fapi/v3/balance"),
        (.get, "/fapi/v2/positionRisk"), (.get, "/fapi/v3/positionRisk"),
        (.get, "/fapi/v1/userTrades"), (.get, "/fapi/v1/income"), (.get, "/fapi/v1/forceOrders"), (.get, "/fapi/v1/adlQuantile"),
        (.post, "/fapi/v1/listenKey"), (.put, "/fapi/v1/listenKey"), (.delete, "/fapi/v1/listenKey"),
        (.get, "/"), (.get, "/dashboard/v1/state"),
        (.post, "/admin/v1/market"), (.post, "/admin/v1/insuranceFund"), (.get, "/admin/v1/insuranceFund"),
        (.post, "/admin/v1/indexPrice"), (.post, "/admin/v1/deposit"), (.post, "/admin/v1/withdraw"),
        (.post, "/admin/v1/apiKey"), (.post, "/admin/v1/funding"),
    ]

    static let int64Max = String(Int64.max)
    static let int64Min = String(Int64.min)
    static let uint64Max = String(UInt64.max)
    static let fixedMax = "92233720368.54775807"
    static let fixedOverMax = "92233720368.54775808"
    static let hugeDigits = String(repeating: "9", count: 400)
    static let order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"

    static func trader(_ name: String, _ method: HTTPRequest.Method, _ path: String, _ query: String, _ code: Int? = nil) -> Case {
        Case(name: name, method: method, path: path, query: query, auth: .signed(alice), code: code)
    }

    static func adminCase(_ name: String, _ method: HTTPRequest.Method, _ path: String, _ query: String, _ code: Int? = nil) -> Case {
        Case(name: name, method: method, path: path, query: query, auth: .signed(admin), code: code)
    }

    static func market(_ name: String, _ json: String, _ code: Int? = -1130) -> Case {
        Case(name: name, method: .post, path: "/admin/v1/market", auth: .signed(admin), json: json, code: code)
    }

    /// A listing like the fixture's ETHUSDT with `fields` replacing or adding fields.
    static func eth(_ fields: String) -> String {
        #"{"symbol": "ETHUSDT", "baseAsset": "ETH", "tickSize": "0.01", "lotSize": "0.01", "maxOrderQuantity": "10000", "maxPrice": "100000", "riskTiers": [{"notionalFloor": "0", "maxLeverage": 10, "maintenanceMarginRate": "0.05"}], "makerFeeRate": "0", "takerFeeRate": "0", "liquidationFeeRate": "0.01""#
            + (fields.isEmpty ? "" : ", " + fields) + "}"
    }

    static let publicCases: [Case] = [
        Case(name: "the wrong method", method: .post, path: "/fapi/v1/ping", code: -1000),
        Case(name: "the wrong method", method: .delete, path: "/fapi/v1/time", code: -1000),
        Case(name: "the wrong method", method: .put, path: "/fapi/v1/exchangeInfo", code: -1000),
        Case(name: "the wrong method", method: .post, path: "/", code: -1000),
        Case(name: "a path that does not exist", method: .get, path: "/fapi/v1/nothing", code: -1000),
        Case(name: "no symbol", method: .get, path: "/fapi/v1/depth", code: -1102),
        Case(name: "an empty symbol", method: .get, path: "/fapi/v1/depth", query: "symbol=", code: -1102),
        Case(name: "an unknown symbol", method: .get, path: "/fapi/v1/depth", query: "symbol=ETHUSDT", code: -1121),
        Case(name: "a limit Binance does not offer", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT&limit=7", code: -1130),
        Case(name: "a limit of -0", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT&limit=-0", code: -1130),
        Case(name: "a limit of 400 digits", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT&limit=\(hugeDigits)", code: -1130),
        Case(name: "a limit with a leading space", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT&limit=%205", code: -1130),
        Case(name: "a limit in full-width digits", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT&limit=%EF%BC%95", code: -1130),
        Case(name: "the symbol given twice", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT&symbol=BTCUSDT", code: -1101),
        Case(name: "a malformed percent escape", method: .get, path: "/fapi/v1/depth", query: "symbol=BTC%zzUSDT", code: -1100),
        Case(name: "a truncated percent escape", method: .get, path: "/fapi/v1/depth", query: "symbol=BTCUSDT%4", code: -1100),
        Case(name: "a symbol that is not UTF-8", method: .get, path: "/fapi/v1/depth", query: "symbol=%FF%FE", code: -1100),
        Case(name: "a limit of 0", method: .get, path: "/fapi/v1/trades", query: "symbol=BTCUSDT&limit=0", code: -1130),
        Case(name: "a limit of NaN", method: .get, path: "/fapi/v1/trades", query: "symbol=BTCUSDT&limit=NaN", code: -1130),
        Case(name: "a limit of Int64.min", method: .get, path: "/fapi/v1/trades", query: "symbol=BTCUSDT&limit=\(int64Min)", code: -1130),
        Case(name: "a negative fromId", method: .get, path: "/fapi/v1/aggTrades", query: "symbol=BTCUSDT&fromId=-1", code: -1100),
        Case(name: "a fromId above Int64.max", method: .get, path: "/fapi/v1/aggTrades", query: "symbol=BTCUSDT&fromId=\(uint64Max)", code: -1100),
        Case(name: "a startTime in exponent form", method: .get, path: "/fapi/v1/aggTrades", query: "symbol=BTCUSDT&startTime=1e12", code: -1100),
        Case(name: "an endTime of 400 digits", method: .get, path: "/fapi/v1/aggTrades", query: "symbol=BTCUSDT&endTime=\(hugeDigits)", code: -1100),
        Case(name: "a symbol with a NUL", method: .get, path: "/fapi/v1/premiumIndex", query: "symbol=BTCUSDT%00", code: -1121),
        Case(name: "a limit above 1000", method: .get, path: "/fapi/v1/fundingRate", query: "limit=1001", code: -1130),
        Case(name: "a startTime of +-1", method: .get, path: "/fapi/v1/fundingRate", query: "startTime=%2B-1", code: -1100),
        Case(name: "an unknown symbol", method: .get, path: "/fapi/v1/ticker/price", query: "symbol=BTC", code: -1121),
        Case(name: "an unknown symbol", method: .get, path: "/fapi/v2/ticker/price", query: "symbol=%E2%82%BF", code: -1121),
        Case(name: "a 10,000-character symbol", method: .get, path: "/fapi/v1/ticker/24hr", query: "symbol=" + String(repeating: "B", count: 10_000), code: -1121),
        Case(name: "an unknown symbol", method: .get, path: "/fapi/v1/insuranceBalance", query: "symbol=NOPE", code: -1121),
        Case(name: "a malformed escape", method: .get, path: "/fapi/v1/symbolAdlRisk", query: "symbol=%", code: -1100),
        Case(name: "a limit of 0", method: .get, path: "/dashboard/v1/state", query: "limit=0", code: -1100),
        Case(name: "a limit of Int64.max", method: .get, path: "/dashboard/v1/state", query: "limit=\(int64Max)", code: -1100),
        Case(name: "a parameter name that is not UTF-8", method: .get, path: "/dashboard/v1/state", query: "%C0=1", code: -1100),
    ]

    static let authCases: [Case] = [
        Case(name: "no API key", method: .get, path: "/fapi/v2/account", query: "timestamp=1", code: -1002),
        Case(name: "an API key of 200 characters", method: .get, path: "/fapi/v2/balance", auth: .rawKey(String(repeating: "k", count: 200)), code: -2014),
        Case(name: "an API key with a space", method: .get, path: "/fapi/v3/balance", auth: .rawKey("alice key"), code: -2014),
        Case(name: "an unknown API key", method: .get, path: "/fapi/v3/account", auth: .rawKey("mallory"), code: -2015),
        Case(name: "no timestamp", method: .get, path: "/fapi/v2/positionRisk", query: "signature=00", auth: .key(alice), code: -1102),
        Case(name: "a timestamp of Int64.min", method: .get, path: "/fapi/v2/account", query: "timestamp=\(int64Min)", auth: .signed(alice), code: -1021),
        Case(name: "a timestamp of Int64.max", method: .get, path: "/fapi/v2/account", query: "timestamp=\(int64Max)", auth: .signed(alice), code: -1021),
        Case(name: "a timestamp above Int64.max", method: .get, path: "/fapi/v3/account", query: "timestamp=\(uint64Max)", auth: .signed(alice), code: -1100),
        Case(name: "a timestamp in exponent form", method: .get, path: "/fapi/v3/account", query: "timestamp=1.7e12", auth: .signed(alice), code: -1100),
        trader("a recvWindow of 0", .get, "/fapi/v3/positionRisk", "recvWindow=0", -1100),
        trader("a negative recvWindow", .get, "/fapi/v3/positionRisk", "recvWindow=-5000", -1100),
        trader("a recvWindow of Int64.max", .get, "/fapi/v2/positionRisk", "recvWindow=\(int64Max)", -1100),
        trader("a recvWindow of Int64.min", .get, "/fapi/v2/positionRisk", "recvWindow=\(int64Min)", -1100),
        Case(name: "no signature", method: .get, path: "/fapi/v2/balance", query: "timestamp=\(TestVenue.start)", auth: .key(alice), code: -1102),
        Case(name: "a wrong signature", method: .get, path: "/fapi/v2/balance", query: "timestamp=\(TestVenue.start)&signature=zz", auth: .key(alice), code: -1022),
        Case(name: "the signature given twice", method: .get, path: "/fapi/v2/balance", query: "signature=00&signature=00", auth: .key(alice), code: -1101),
        trader("an unknown symbol", .get, "/fapi/v3/positionRisk", "symbol=XBT", -1121),
        Case(name: "no API key", method: .post, path: "/fapi/v1/listenKey", code: -1002),
        Case(name: "an API key of 200 characters", method: .put, path: "/fapi/v1/listenKey", auth: .rawKey(String(repeating: "k", count: 200)), code: -2014),
        Case(name: "no listen key open", method: .put, path: "/fapi/v1/listenKey", auth: .key(alice), code: -1125),
        Case(name: "an unknown API key", method: .delete, path: "/fapi/v1/listenKey", auth: .rawKey("mallory"), code: -2015),
        Case(name: "the admin's key", method: .post, path: "/fapi/v1/listenKey", auth: .key(admin), code: -2015),
        Case(name: "the admin's key", method: .get, path: "/fapi/v2/account", auth: .signed(admin), code: -2015),
    ]

    static let orderCases: [Case] = [
        trader("no side", .post, "/fapi/v1/order", "symbol=BTCUSDT&type=MARKET&quantity=1", -1102),
        trader("a lower-case side", .post, "/fapi/v1/order", "symbol=BTCUSDT&side=buy&type=MARKET&quantity=1", -1117),
        trader("an unknown type", .post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=1", -1116),
        trader("a quantity of NaN", .post, "/fapi/v1/order", order + "&quantity=NaN&price=65000", -1100),
        trader("a quantity of Infinity", .post, "/fapi/v1/order", order + "&quantity=Infinity&price=65000", -1100),
        trader("a quantity in exponent form", .post, "/fapi/v1/order", order + "&quantity=1e-3&price=65000", -1100),
        trader("a quantity of +-1", .post, "/fapi/v1/order", order + "&quantity=%2B-1&price=65000", -1100),
        trader("a quantity of a lone point", .post, "/fapi/v1/order", order + "&quantity=.&price=65000", -1100),
        trader("a quantity of 1.", .post, "/fapi/v1/order", order + "&quantity=1.&price=65000", -1100),
        trader("a quantity of .5", .post, "/fapi/v1/order", order + "&quantity=.5&price=65000", -1100),
        trader("a quantity with a leading space", .post, "/fapi/v1/order", order + "&quantity=%201&price=65000", -1100),
        trader("a quantity with a trailing space", .post, "/fapi/v1/order", order + "&quantity=1%20&price=65000", -1100),
        trader("a quantity in full-width digits", .post, "/fapi/v1/order", order + "&quantity=%EF%BC%91&price=65000", -1100),
        trader("a quantity in Arabic-Indic digits", .post, "/fapi/v1/order", order + "&quantity=%D9%A1&price=65000", -1100),
        trader("a quantity of 1,000", .post, "/fapi/v1/order", order + "&quantity=1%2C000&price=65000", -1100),
        trader("a quantity of 400 digits", .post, "/fapi/v1/order", order + "&quantity=\(hugeDigits)&price=65000", -1100),
        trader("a quantity just above Quantity's maximum", .post, "/fapi/v1/order", order + "&quantity=\(fixedOverMax)&price=65000", -1100),
        trader("a quantity at Quantity's maximum", .post, "/fapi/v1/order", order + "&quantity=\(fixedMax)&price=65000", -4003),
        trader("a quantity of 0", .post, "/fapi/v1/order", order + "&quantity=0&price=65000", -4003),
        trader("a quantity of -0", .post, "/fapi/v1/order", order + "&quantity=-0&price=65000", -4003),
        trader("a negative quantity", .post, "/fapi/v1/order", order + "&quantity=-1&price=65000", -4003),
        trader("a quantity of +1 over the margin", .post, "/fapi/v1/order", order + "&quantity=%2B1000&price=65000", -2019),
        trader("a quantity with nine decimals", .post, "/fapi/v1/order", order + "&quantity=0.000000001&price=65000", -1111),
        trader("a quantity with 300 trailing zero decimals", .post, "/fapi/v1/order", order + "&quantity=1000." + String(repeating: "0", count: 300) + "&price=65000", -2019),
        trader("a price of 9999999999", .post, "/fapi/v1/order", order + "&quantity=0.01&price=9999999999", -4014),
        trader("a price at Price's maximum", .post, "/fapi/v1/order", order + "&quantity=0.01&price=\(fixedMax)", -4014),
        trader("a price above Price's maximum", .post, "/fapi/v1/order", order + "&quantity=0.01&price=\(fixedOverMax)", -1100),
        trader("a negative price", .post, "/fapi/v1/order", order + "&quantity=0.01&price=-65000", -4014),
        trader("a price of Int64.min raw", .post, "/fapi/v1/order", order + "&quantity=0.01&price=-\(fixedOverMax)", -1100),
        trader("the maximum quantity at the maximum price", .post, "/fapi/v1/order", order + "&quantity=1000&price=1000000", -4016),
        trader("a limit order without a price", .post, "/fapi/v1/order", order + "&quantity=0.01", -1102),
        trader("an unknown timeInForce", .post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD&quantity=0.01&price=65000", -1130),
        trader("reduceOnly of yes", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&reduceOnly=yes", -1100),
        trader("closePosition", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&closePosition=true", -1130),
        trader("a priceMatch", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&priceMatch=QUEUE", -1130),
        trader("an unknown newOrderRespType", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&newOrderRespType=FULL", -1130),
        trader("an unknown selfTradePreventionMode", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&selfTradePreventionMode=ALL", -1130),
        trader("a client order id with emoji", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&newClientOrderId=%F0%9F%98%80", -4015),
        trader("a client order id with a space", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&newClientOrderId=a%20b", -4015),
        trader("a hedge-mode position side", .post, "/fapi/v1/order", order + "&quantity=0.01&price=65000&positionSide=SHORT", -4061),
        trader("an orderId of 0", .get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=0", -1100),
        trader("an orderId of -1", .get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=-1", -1100),
        trader("an orderId of UInt64.max", .get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=\(uint64Max)", -1100),
        trader("an orderId of Int64.max", .get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=\(int64Max)", -2013),
        trader("neither orderId nor origClientOrderId", .get, "/fapi/v1/order", "symbol=BTCUSDT", -1102),
        trader("an unknown origClientOrderId", .get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=%E2%80%AE", -2013),
        trader("an orderId of Int64.max", .delete, "/fapi/v1/order", "symbol=BTCUSDT&orderId=\(int64Max)", -2011),
        trader("an orderId of Int64.min", .delete, "/fapi/v1/order", "symbol=BTCUSDT&orderId=\(int64Min)", -1100),
        trader("an unknown origClientOrderId", .delete, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=" + String(repeating: "x", count: 5_000), -2011),
        trader("no symbol", .delete, "/fapi/v1/order", "orderId=1", -1102),
        trader("an unknown symbol", .get, "/fapi/v1/openOrders", "symbol=DOGEUSDT", -1121),
        trader("no symbol", .delete, "/fapi/v1/allOpenOrders", "", -1102),
        trader("an unknown symbol", .delete, "/fapi/v1/allOpenOrders", "symbol=btcusdt%20", -1121),
    ]

    static let settingsCases: [Case] = [
        trader("a leverage of 0", .post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=0", -1100),
        trader("a leverage of -1", .post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=-1", -1100),
        trader("a leverage of 1.5", .post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=1.5", -1100),
        trader("a leverage of 1001", .post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=1001", -4028),
        trader("a leverage of Int64.max", .post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=\(int64Max)", -4028),
        trader("a leverage above Int64.max", .post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=\(uint64Max)", -1100),
        trader("no leverage", .post, "/fapi/v1/leverage", "symbol=BTCUSDT", -1102),
        trader("an unknown margin type", .post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=PORTFOLIO", -1130),
        trader("the margin type it has", .post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=crossed", -4046),
        trader("no margin type", .post, "/fapi/v1/marginType", "symbol=BTCUSDT", -1102),
        trader("a type of 3", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=1&type=3", -1100),
        trader("a type of Int64.min", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=1&type=\(int64Min)", -1100),
        trader("a negative amount", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=-1&type=1", -1130),
        trader("an amount of 0", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=0&type=1", -1130),
        trader("an amount at Money's maximum", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=\(fixedMax)&type=2", -4052),
        trader("an amount above Money's maximum", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=\(fixedOverMax)&type=1", -1100),
        trader("no type", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=1", -1102),
        trader("a hedge-mode position side", .post, "/fapi/v1/positionMargin", "symbol=BTCUSDT&amount=1&type=1&positionSide=LONG", -4061),
        trader("an unknown symbol", .get, "/fapi/v1/leverageBracket", "symbol=SOLUSDT", -1121),
    ]

    static let historyCases: [Case] = [
        trader("no symbol", .get, "/fapi/v1/userTrades", "", -1102),
        trader("a startTime after the endTime", .get, "/fapi/v1/userTrades", "symbol=BTCUSDT&startTime=2&endTime=1", -1130),
        trader("a negative startTime", .get, "/fapi/v1/userTrades", "symbol=BTCUSDT&startTime=-1", -1100),
        trader("an endTime of Int64.max", .get, "/fapi/v1/userTrades", "symbol=BTCUSDT&endTime=\(int64Max)", -1100),
        trader("a fromId of -1", .get, "/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=-1", -1100),
        trader("an orderId of 0", .get, "/fapi/v1/userTrades", "symbol=BTCUSDT&orderId=0", -1100),
        trader("a limit of 1001", .get, "/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1001", -1100),
        trader("an unknown income type", .get, "/fapi/v1/income", "incomeType=BONUS", -1130),
        trader("a startTime of Int64.max", .get, "/fapi/v1/income", "startTime=\(int64Max)", -1100),
        trader("an endTime of Int64.min", .get, "/fapi/v1/income", "endTime=\(int64Min)", -1100),
        trader("a limit of 0", .get, "/fapi/v1/income", "limit=0", -1100),
        trader("an unknown autoCloseType", .get, "/fapi/v1/forceOrders", "autoCloseType=BOTH", -1130),
        trader("a limit of 101", .get, "/fapi/v1/forceOrders", "limit=101", -1100),
        trader("an unknown symbol", .get, "/fapi/v1/adlQuantile", "symbol=ETHUSDT", -1121),
    ]

    static let adminCases: [Case] = [
        Case(name: "a trader's key", method: .post, path: "/admin/v1/deposit", query: "account=1&amount=1", auth: .signed(alice), code: -2015),
        adminCase("no account", .post, "/admin/v1/deposit", "amount=1", -1102),
        adminCase("a negative account", .post, "/admin/v1/deposit", "account=-1&amount=1", -1100),
        adminCase("an account of UInt64.max", .post, "/admin/v1/deposit", "account=\(uint64Max)&amount=1", -1100),
        adminCase("a negative amount", .post, "/admin/v1/deposit", "account=1&amount=-1", -4001),
        adminCase("an amount at Money's maximum", .post, "/admin/v1/deposit", "account=1&amount=\(fixedMax)", -4001),
        adminCase("an amount above Money's maximum", .post, "/admin/v1/deposit", "account=1&amount=\(fixedOverMax)", -1100),
        adminCase("an amount with nine decimals", .post, "/admin/v1/deposit", "account=1&amount=0.000000001", -1111),
        adminCase("no amount", .post, "/admin/v1/withdraw", "account=1", -1102),
        adminCase("more than the balance", .post, "/admin/v1/withdraw", "account=1&amount=100001", -2019),
        adminCase("an amount at Money's maximum", .post, "/admin/v1/withdraw", "account=1&amount=\(fixedMax)", -4001),
        adminCase("an unknown account", .post, "/admin/v1/withdraw", "account=\(int64Max)&amount=1", -2015),
        adminCase("no account", .post, "/admin/v1/apiKey", "", -1102),
        adminCase("an account in hex", .post, "/admin/v1/apiKey", "account=0x10", -1100),
        adminCase("no price", .post, "/admin/v1/indexPrice", "symbol=BTCUSDT", -1102),
        adminCase("a price of 0", .post, "/admin/v1/indexPrice", "symbol=BTCUSDT&price=0", -4014),
        adminCase("a negative price", .post, "/admin/v1/indexPrice", "symbol=BTCUSDT&price=-65000", -4014),
        adminCase("a price above the market's maximum", .post, "/admin/v1/indexPrice", "symbol=BTCUSDT&price=9999999999", -4014),
        adminCase("a price at Price's maximum", .post, "/admin/v1/indexPrice", "symbol=BTCUSDT&price=\(fixedMax)", -4014),
        adminCase("an unknown symbol", .post, "/admin/v1/indexPrice", "symbol=ETHUSDT&price=1", -1121),
        adminCase("a source of 33 bytes", .post, "/admin/v1/indexPrice", "symbol=BTCUSDT&price=65000&source=" + String(repeating: "s", count: 33), -1130),
        adminCase("an unknown symbol", .post, "/admin/v1/funding", "symbol=ETHUSDT", -1121),
        adminCase("funding before it is due", .post, "/admin/v1/funding", "symbol=BTCUSDT", -4099),
        adminCase("no symbol", .post, "/admin/v1/funding", "", -1102),
        adminCase("a limit of 0", .get, "/admin/v1/insuranceFund", "limit=0", -1100),
        adminCase("a limit of 501", .get, "/admin/v1/insuranceFund", "limit=501", -1100),
        market("no body", "", -1102),
        market("a body that is not JSON", "symbol=ETHUSDT", -1130),
        market("a JSON array", "[]", -1130),
        market("JSON nested 100,000 deep, over the body limit", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), -1006),
        market("JSON nested 30,000 deep", String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000), -1130),
        market("an object nested 10,000 deep", String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000), -1130),
        market("a truncated body", #"{"symbol": "ETHUSDT""#, -1130),
        market("an unknown field", eth(#""color": "red""#)),
        market("an unknown nested field", eth(#""funding": {"intervalMilliseconds": 60000, "x": 1}"#)),
        market("a symbol as a number", #"{"symbol": 1, "baseAsset": "ETH", "tickSize": "0.01", "lotSize": "0.01", "riskTiers": [], "makerFeeRate": "0", "takerFeeRate": "0", "liquidationFeeRate": "0.01"}"#),
        market("no risk tiers", #"{"symbol": "ETHUSDT", "baseAsset": "ETH", "tickSize": "0.01", "lotSize": "0.01", "riskTiers": [], "makerFeeRate": "0", "takerFeeRate": "0", "liquidationFeeRate": "0.01"}"#),
        market("a maxLeverage of 10^30", eth(#""priceBand": "0.5""#).replacingOccurrences(of: #""maxLeverage": 10"#, with: #""maxLeverage": 1000000000000000000000000000000"#)),
        market("a maxLeverage of 0", eth("").replacingOccurrences(of: #""maxLeverage": 10"#, with: #""maxLeverage": 0"#)),
        market("a maxLeverage of Int64.min", eth("").replacingOccurrences(of: #""maxLeverage": 10"#, with: #""maxLeverage": \#(int64Min)"#)),
        market("a maxLeverage of 2.5", eth("").replacingOccurrences(of: #""maxLeverage": 10"#, with: #""maxLeverage": 2.5"#)),
        market("a tickSize of 0", eth("").replacingOccurrences(of: #""tickSize": "0.01""#, with: #""tickSize": "0""#)),
        market("a tickSize as units of Int64.max", eth("").replacingOccurrences(of: #""tickSize": "0.01""#, with: #""tickSize": \#(int64Max)"#)),
        market("a tickSize of 1e400", eth("").replacingOccurrences(of: #""tickSize": "0.01""#, with: #""tickSize": 1e400"#)),
        market("a tickSize of NaN", eth("").replacingOccurrences(of: #""tickSize": "0.01""#, with: #""tickSize": "NaN""#)),
        market("a maxPrice at Price's maximum", eth("").replacingOccurrences(of: #""maxPrice": "100000""#, with: #""maxPrice": "\#(fixedMax)""#)),
        market("a maxOrderQuantity and maxPrice at their maximum", eth("").replacingOccurrences(of: #""maxOrderQuantity": "10000", "maxPrice": "100000""#, with: #""maxOrderQuantity": "92233720368.54775", "maxPrice": "92233720368.54""#)),
        market("a maintenance rate above 1/maxLeverage", eth("").replacingOccurrences(of: #""maintenanceMarginRate": "0.05""#, with: #""maintenanceMarginRate": "0.5""#)),
        market("a notionalFloor at Money's maximum", eth(#""priceBand": "0.5""#).replacingOccurrences(of: #"}], "#, with: #"}, {"notionalFloor": "\#(fixedMax)", "maxLeverage": 5, "maintenanceMarginRate": "0.05"}], "#)),
        market("a funding interval of Int64.min", eth(#""funding": {"intervalMilliseconds": \#(int64Min)}"#)),
        market("a basis window of -1", eth(#""markPrice": {"method": "binance", "basisWindowMilliseconds": -1}"#)),
        market("an unknown ADL policy", eth(#""deleveraging": {"policy": "lottery"}"#)),
        market("a fee rate of -0.1", eth("").replacingOccurrences(of: #""makerFeeRate": "0""#, with: #""makerFeeRate": "-0.1""#)),
        market("a priceBand of 1", eth(#""priceBand": "1""#)),
        market("the symbol it has", eth("").replacingOccurrences(of: "ETHUSDT", with: "BTCUSDT")),
        market("a symbol in lower case", eth("").replacingOccurrences(of: "ETHUSDT", with: "ethusdt")),
        market("an insurance fund that does not exist", eth(#""liquidation": {"insuranceFund": "nowhere"}"#), nil),
        Case(name: "a form body", method: .post, path: "/admin/v1/insuranceFund", query: "name=main&account=900", auth: .signed(admin), code: -1130),
        Case(name: "a negative account", method: .post, path: "/admin/v1/insuranceFund", auth: .signed(admin), json: #"{"name": "main", "account": -1}"#, code: -1130),
        Case(name: "an account of 10^30", method: .post, path: "/admin/v1/insuranceFund", auth: .signed(admin), json: #"{"name": "main", "account": 1000000000000000000000000000000}"#, code: -1130),
        Case(name: "a trader's account", method: .post, path: "/admin/v1/insuranceFund", auth: .signed(admin), json: #"{"name": "main", "account": 1}"#, code: -4001),
        Case(name: "a name of 1,000 bytes", method: .post, path: "/admin/v1/insuranceFund", auth: .signed(admin), json: #"{"name": "\#(String(repeating: "n", count: 1_000))", "account": 900}"#, code: -1130),
        Case(name: "a minimum balance at Money's maximum negative", method: .post, path: "/admin/v1/insuranceFund", auth: .signed(admin), json: #"{"name": "main", "account": 900, "minimumBalance": "-\#(fixedMax)"}"#),
        Case(name: "a null name", method: .post, path: "/admin/v1/insuranceFund", auth: .signed(admin), json: #"{"name": null, "account": 900}"#, code: -1102),
    ]

    static let cases = publicCases + authCases + orderCases + settingsCases + historyCases + adminCases

    /// Sends a case as its `auth` says: GET and DELETE in the query string, the others in a form
    /// body, a JSON body after a signed query string.
    static func send(_ test: Case, client: some TestClientProtocol, venue: TestVenue) async throws -> TestResponse {
        venue.clock.advance(1)
        var headers: HTTPFields = [:]
        var text = test.query
        switch test.auth {
        case .none:
            break
        case .key(let key):
            headers[.apiKey] = key.apiKey
        case .rawKey(let raw):
            headers[.apiKey] = raw
        case .signed(let key):
            headers[.apiKey] = key.apiKey
            if !text.contains("timestamp=") {
                text += (text.isEmpty ? "" : "&") + "timestamp=\(venue.clock.now())"
            }
            text += "&signature=" + RequestAuthenticator.sign(text + (test.json ?? ""), secret: key.secretKey)
        }
        if let json = test.json {
            headers[.contentType] = "application/json"
            return try await client.execute(
                uri: test.path + "?" + text, method: test.method, headers: headers, body: ByteBuffer(string: json))
        }
        if test.method == .get || test.method == .delete || text.isEmpty {
            return try await client.execute(
                uri: test.path + (text.isEmpty ? "" : "?" + text), method: test.method, headers: headers, body: nil)
        }
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: test.path, method: test.method, headers: headers, body: ByteBuffer(string: text))
    }

    /// The error of an answer, if it is `{"code": <negative Int>, "msg": <non-empty String>}` and nothing else.
    static func binanceError(_ answer: TestResponse) -> (code: Int, msg: String)? {
        let object = answer.object
        guard object.count == 2, let code = object["code"] as? Int, code < 0, let msg = object["msg"] as? String, !msg.isEmpty
        else { return nil }
        return (code, msg)
    }

    /// Every route has a case; the routes that read no input (`ping`, `time`, `exchangeInfo`, the
    /// dashboard page) have only the wrong method, which is their one way to be malformed.
    @Test("every route has malformed cases")
    func everyRouteIsCovered() {
        for (method, path) in Self.routes {
            #expect(
                Self.cases.contains { $0.path == path && ($0.method == method || Self.inputless.contains(path)) },
                "no case for \(method) \(path)")
        }
    }

    static let inputless: Set = ["/fapi/v1/ping", "/fapi/v1/time", "/fapi/v1/exchangeInfo", "/"]

    @Test("refused with a Binance error, nothing changed", arguments: cases)
    func refused(_ test: Case) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let before = await venue.stateHash()
            let answer = try await Self.send(test, client: client, venue: venue)
            #expect((400..<500).contains(answer.status.code), "status \(answer.status): \(String(buffer: answer.body).prefix(300))")
            let error = Self.binanceError(answer)
            #expect(error != nil, "not a Binance error: \(String(buffer: answer.body).prefix(300))")
            if let code = test.code {
                #expect(error?.code == code, "\(error?.msg ?? String(buffer: answer.body).prefix(300).description)")
            }
            #expect(await venue.stateHash() == before)
            let ping = try await client.execute(uri: "/fapi/v1/ping", method: .get)
            #expect(ping.status == .ok)
        }
        try await venue.close()
    }

    // MARK: - The seeded sweep

    /// Hostile values by parameter name; every name also draws from ``anyValue``.
    static let vocabulary: [String: [String]] = [
        "symbol": ["BTCUSDT", "btcusdt", "ETHUSDT", "BTC%20USDT", "%FF", "%E2%82%BF", String(repeating: "A", count: 300), "BTCUSDT%00"],
        "side": ["BUY", "SELL", "buy", "HOLD", "%00"],
        "type": ["LIMIT", "MARKET", "STOP", "limit", "TAKE_PROFIT_MARKET"],
        "timeInForce": ["GTC", "IOC", "FOK", "GTX", "GTD", "gtc"],
        "quantity": ["0.001", "0.01", "1000", "1000.001", fixedMax, fixedOverMax, "-0.01", "0.000000001", "1e3", ".", "0x10"],
        "price": ["65000", "64999.9", "9999999999", fixedMax, fixedOverMax, "-1", "0", "65000.05", "Infinity"],
        "orderId": ["1", "0", "-1", int64Max, uint64Max, int64Min, "1.0"],
        "origClientOrderId": ["x", "", String(repeating: "z", count: 100), "%E2%80%AE"],
        "newClientOrderId": ["ok-1", String(repeating: "a", count: 37), "%F0%9F%98%80", "a%26b"],
        "reduceOnly": ["true", "false", "TRUE", "1", "yes"],
        "closePosition": ["true", "false", "maybe"],
        "positionSide": ["BOTH", "LONG", "SHORT"],
        "leverage": ["1", "20", "125", "1000", "1001", "0", "-1", int64Max, uint64Max, "2.5"],
        "marginType": ["ISOLATED", "CROSSED", "isolated", "PORTFOLIO"],
        "amount": ["1", "0", "-1", "100001", fixedMax, fixedOverMax, "0.000000001", "10000000000"],
        "type2": [],
        "limit": ["1", "5", "0", "-1", "1000", "1001", int64Max, int64Min, uint64Max, "NaN", "%205"],
        "startTime": ["0", "-1", "1700000000000", int64Max, int64Min, uint64Max, "253402300800000"],
        "endTime": ["0", "-1", "1700000000000", int64Max, int64Min, uint64Max, "253402300799999"],
        "fromId": ["0", "1", "-1", int64Max, uint64Max],
        "recvWindow": ["1", "60000", "60001", "0", "-1", int64Max, int64Min],
        "incomeType": ["REALIZED_PNL", "COMMISSION", "TRANSFER", "BONUS"],
        "autoCloseType": ["LIQUIDATION", "ADL", "BOTH"],
        "account": ["1", "2", "900", "0", "-1", int64Max, uint64Max],
        "source": ["index", "", String(repeating: "s", count: 40)],
        "newOrderRespType": ["ACK", "RESULT", "FULL"],
        "selfTradePreventionMode": ["NONE", "EXPIRE_TAKER", "ALL"],
        "priceMatch": ["NONE", "OPPONENT"],
    ]

    /// Values any parameter may be sent.
    static let anyValue = [
        "", "%", "%zz", "%C0%AF", "%FF", "+", "-", "-0", "+1", "NaN", "null", "true", "[]", "{}", hugeDigits, int64Min,
        uint64Max, "%EF%BC%91", "1%20", "%201", String(repeating: "x", count: 2_000),
    ]

    struct SweepRoute: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var auth: Auth
        var names: [String]
    }

    static let sweepRoutes: [SweepRoute] = {
        let orderNames = ["symbol", "side", "type", "timeInForce", "quantity", "price", "reduceOnly", "newClientOrderId",
                          "positionSide", "closePosition", "newOrderRespType", "selfTradePreventionMode", "priceMatch", "recvWindow"]
        let lookup = ["symbol", "orderId", "origClientOrderId", "recvWindow"]
        let window = ["symbol", "startTime", "endTime", "limit", "fromId", "orderId", "recvWindow"]
        return [
            SweepRoute(method: .get, path: "/fapi/v1/depth", auth: .none, names: ["symbol", "limit"]),
            SweepRoute(method: .get, path: "/fapi/v1/trades", auth: .none, names: ["symbol", "limit"]),
            SweepRoute(method: .get, path: "/fapi/v1/aggTrades", auth: .none, names: ["symbol", "limit", "fromId", "startTime", "endTime"]),
            SweepRoute(method: .get, path: "/fapi/v1/premiumIndex", auth: .none, names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v1/fundingRate", auth: .none, names: ["symbol", "limit", "startTime", "endTime"]),
            SweepRoute(method: .get, path: "/fapi/v1/ticker/price", auth: .none, names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v2/ticker/price", auth: .none, names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v1/ticker/24hr", auth: .none, names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v1/insuranceBalance", auth: .none, names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v1/symbolAdlRisk", auth: .none, names: ["symbol"]),
            SweepRoute(method: .get, path: "/dashboard/v1/state", auth: .none, names: ["limit"]),
            SweepRoute(method: .post, path: "/fapi/v1/order", auth: .signed(alice), names: orderNames),
            SweepRoute(method: .get, path: "/fapi/v1/order", auth: .signed(alice), names: lookup),
            SweepRoute(method: .delete, path: "/fapi/v1/order", auth: .signed(alice), names: lookup),
            SweepRoute(method: .get, path: "/fapi/v1/openOrders", auth: .signed(alice), names: ["symbol", "recvWindow"]),
            SweepRoute(method: .delete, path: "/fapi/v1/allOpenOrders", auth: .signed(alice), names: ["symbol", "recvWindow"]),
            SweepRoute(method: .post, path: "/fapi/v1/leverage", auth: .signed(alice), names: ["symbol", "leverage", "recvWindow"]),
            SweepRoute(method: .post, path: "/fapi/v1/marginType", auth: .signed(alice), names: ["symbol", "marginType"]),
            SweepRoute(method: .post, path: "/fapi/v1/positionMargin", auth: .signed(alice), names: ["symbol", "amount", "type", "positionSide"]),
            SweepRoute(method: .get, path: "/fapi/v1/leverageBracket", auth: .signed(alice), names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v2/account", auth: .signed(alice), names: ["recvWindow"]),
            SweepRoute(method: .get, path: "/fapi/v3/balance", auth: .signed(alice), names: ["recvWindow"]),
            SweepRoute(method: .get, path: "/fapi/v2/positionRisk", auth: .signed(alice), names: ["symbol", "recvWindow"]),
            SweepRoute(method: .get, path: "/fapi/v3/positionRisk", auth: .signed(alice), names: ["symbol"]),
            SweepRoute(method: .get, path: "/fapi/v1/userTrades", auth: .signed(alice), names: window),
            SweepRoute(method: .get, path: "/fapi/v1/income", auth: .signed(alice), names: ["symbol", "incomeType", "startTime", "endTime", "limit"]),
            SweepRoute(method: .get, path: "/fapi/v1/forceOrders", auth: .signed(alice), names: ["symbol", "autoCloseType", "startTime", "endTime", "limit"]),
            SweepRoute(method: .get, path: "/fapi/v1/adlQuantile", auth: .signed(alice), names: ["symbol"]),
            SweepRoute(method: .put, path: "/fapi/v1/listenKey", auth: .key(alice), names: ["listenKey"]),
            SweepRoute(method: .get, path: "/admin/v1/insuranceFund", auth: .signed(admin), names: ["limit"]),
            SweepRoute(method: .post, path: "/admin/v1/indexPrice", auth: .signed(admin), names: ["symbol", "price", "source"]),
            SweepRoute(method: .post, path: "/admin/v1/deposit", auth: .signed(admin), names: ["account", "amount"]),
            SweepRoute(method: .post, path: "/admin/v1/withdraw", auth: .signed(admin), names: ["account", "amount"]),
            SweepRoute(method: .post, path: "/admin/v1/funding", auth: .signed(admin), names: ["symbol"]),
        ]
    }()

    static func value(for name: String, using random: inout SplitMix64) -> String {
        let own = vocabulary[name == "type" ? "type" : name] ?? []
        let pool = own.isEmpty || random.next() % 4 == 0 ? anyValue : own
        return pool[Int(random.next() % UInt64(pool.count))]
    }

    @Test("a seeded sweep of 2,000 hostile requests: never a 5xx, every refusal in Binance's shape and harmless")
    func sweep() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            var random = SplitMix64(seed: 0xBAD_1A9E)
            var hash = await venue.stateHash()
            for index in 0..<2_000 {
                let route = Self.sweepRoutes[Int(random.next() % UInt64(Self.sweepRoutes.count))]
                var names = route.names.filter { _ in random.next() % 3 != 0 }
                if random.next() % 8 == 0 { names.append(names.first ?? "symbol") }
                let query = names.map { name in
                    let value = name == "type" && route.path == "/fapi/v1/positionMargin"
                        ? ["1", "2", "0", "3", Self.int64Min][Int(random.next() % 5)] : Self.value(for: name, using: &random)
                    return name + "=" + value
                }.joined(separator: "&")
                let test = Case(name: "sweep \(index)", method: route.method, path: route.path, query: query, auth: route.auth)
                let answer = try await Self.send(test, client: client, venue: venue)
                let context = "\(index): \(route.method) \(route.path)?\(query.prefix(300)) -> \(answer.status) \(String(buffer: answer.body).prefix(200))"
                #expect(answer.status.code < 500, "\(context)")
                let after = await venue.stateHash()
                if answer.status.code >= 400 {
                    #expect(Self.binanceError(answer) != nil, "\(context)")
                    #expect(after == hash, "a refused request changed the state: \(context)")
                }
                hash = after
            }
            let ping = try await client.execute(uri: "/fapi/v1/ping", method: .get)
            #expect(ping.status == .ok)
            let time = try await client.execute(uri: "/fapi/v1/time", method: .get)
            #expect(time.status == .ok)
        }
        try await venue.close()
    }

    // MARK: - WebSocket frames

    /// Hostile frames: each is answered with an error message or the connection closes.
    static let frames: [(name: String, frame: WebSocketOutboundWriter.OutboundFrame)] = [
        ("not JSON", .text("not json")),
        ("an empty frame", .text("")),
        ("a binary frame", .binary(ByteBuffer(bytes: [0xFF, 0x00, 0x7B]))),
        ("a binary frame holding valid JSON", .binary(ByteBuffer(string: #"{"method":"LIST_SUBSCRIPTIONS","id":1}"#))),
        ("a JSON array", .text("[1,2,3]")),
        ("JSON nested 7,000 deep", .text(String(repeating: "[", count: 7_000) + String(repeating: "]", count: 7_000))),
        ("params nested 7,000 deep", .text(#"{"method":"SUBSCRIBE","params":"# + String(repeating: "[", count: 7_000) + String(repeating: "]", count: 7_000) + #","id":1}"#)),
        ("an id nested 7,000 deep", .text(#"{"method":"LIST_SUBSCRIPTIONS","id":"# + String(repeating: "[", count: 7_000) + String(repeating: "]", count: 7_000) + "}")),
        ("JSON nested 30,000 deep, over the frame limit", .text(String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000))),
        ("a frame over 64 KiB, over the frame limit", .text(#"{"method":"SUBSCRIBE","params":[""# + String(repeating: "a", count: 70_000) + #""],"id":1}"#)),
        ("params that are numbers", .text(#"{"method":"SUBSCRIBE","params":[1,2],"id":1}"#)),
        ("params that are a string", .text(#"{"method":"SUBSCRIBE","params":"btcusdt@trade","id":1}"#)),
        ("params that are null", .text(#"{"method":"SUBSCRIBE","params":null,"id":1}"#)),
        ("empty params", .text(#"{"method":"SUBSCRIBE","params":[],"id":1}"#)),
        ("an id that is an object", .text(#"{"method":"LIST_SUBSCRIPTIONS","id":{"a":1}}"#)),
        ("an id of 1.5", .text(#"{"method":"SUBSCRIBE","params":["x"],"id":1.5}"#)),
        ("an id of 10^400", .text(#"{"method":"SUBSCRIBE","params":["x"],"id":1e400}"#)),
        ("an id above UInt64.max", .text(#"{"method":"SUBSCRIBE","params":["x"],"id":99999999999999999999999}"#)),
        ("a method that is a number", .text(#"{"method":7,"id":1}"#)),
        ("an unknown method", .text(#"{"method":"DELETE_EVERYTHING","id":1}"#)),
        ("a lower-case method", .text(#"{"method":"subscribe","params":["btcusdt@trade"],"id":1}"#)),
        ("an unknown stream", .text(#"{"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":1}"#)),
        ("a stream of many @", .text(#"{"method":"SUBSCRIBE","params":["@@@@@@"],"id":1}"#)),
        ("a stream with unicode", .text(#"{"method":"SUBSCRIBE","params":["btc\u00e9usdt@trade"],"id":1}"#)),
        ("a stream with a NUL", .text(#"{"method":"SUBSCRIBE","params":["btcusdt\u0000@trade"],"id":1}"#)),
        ("an unknown listen key", .text(#"{"method":"SUBSCRIBE","params":["0123456789abcdef"],"id":1}"#)),
        ("1,100 streams, over the subscription limit", .text(#"{"method":"SUBSCRIBE","params":["# + (0..<1_100).map { "\"\($0)@trade\"" }.joined(separator: ",") + #"],"id":1}"#)),
        ("an unknown property", .text(#"{"method":"SET_PROPERTY","params":["speed",true],"id":1}"#)),
        ("a property value that is a string", .text(#"{"method":"SET_PROPERTY","params":["combined","yes"],"id":1}"#)),
        ("GET_PROPERTY without params", .text(#"{"method":"GET_PROPERTY","id":1}"#)),
        ("UNSUBSCRIBE without params", .text(#"{"method":"UNSUBSCRIBE","id":1}"#)),
        ("a lone surrogate escape", .text(#"{"method":"SUBSCRIBE","params":["\ud800"],"id":1}"#)),
    ]

    /// What a connection did with a hostile frame.
    final class Outcome: Sendable {
        let state = Mutex((sawError: false, closed: false))
    }

    @Test("hostile WebSocket frames get an error or a close, and the venue still serves")
    func hostileFrames() async throws {
        let venue = try await TestVenue.make()
        let before = await venue.stateHash()
        _ = try await venue.application().test(.live) { client in
            for (name, frame) in Self.frames {
                for path in ["/ws", "/stream?streams=btcusdt@trade", "/market/ws/btcusdt@depth"] {
                    let outcome = Outcome()
                    _ = try await client.ws(path) { inbound, outbound, _ in
                        var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                        try await outbound.write(frame)
                        do {
                            while let message = try await messages.next() {
                                guard case .text(let text) = message else { continue }
                                let object = JSONTesting.object(text)
                                if let error = object["error"] as? [String: Any], error["code"] is Int,
                                    (error["msg"] as? String)?.isEmpty == false
                                {
                                    outcome.state.withLock { $0.sawError = true }
                                }
                            }
                            outcome.state.withLock { $0.closed = true }
                        } catch {
                            outcome.state.withLock { $0.closed = true }
                        }
                    }
                    let (sawError, closed) = outcome.state.withLock { ($0.sawError, $0.closed) }
                    #expect(sawError || closed, "\(name) on \(path): neither an error nor a close")
                    // A frame over the WebSocket frame limit (16 KiB) is closed by the protocol, without a message.
                    #expect(sawError || name.hasSuffix("over the frame limit"), "\(name) on \(path): closed without an error message")
                }
                let ping = try await client.execute(uri: "/fapi/v1/ping", method: .get)
                #expect(ping.status == .ok, "after \(name)")
            }
            // A well-formed request still works on a fresh connection.
            _ = try await client.ws("/ws") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":9}"#))
                guard case .text(let text) = try await messages.next() else {
                    Issue.record("no answer to LIST_SUBSCRIPTIONS")
                    return
                }
                #expect(text == #"{"result":[],"id":9}"#)
            }
        }
        #expect(await venue.stateHash() == before)
        try await venue.close()
    }
}
