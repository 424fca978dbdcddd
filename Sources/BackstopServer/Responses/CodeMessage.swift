/// Binance's `{"code": 200, "msg": "..."}` acknowledgement.
struct CodeMessage: Encodable, Sendable {
    var code: Int
    var msg: String
}
