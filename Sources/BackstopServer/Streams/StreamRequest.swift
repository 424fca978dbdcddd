import Foundation

/// A request a client sends on a stream connection, as Binance reads them:
/// `{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":1}`, and `UNSUBSCRIBE`,
/// `LIST_SUBSCRIPTIONS`, `SET_PROPERTY` and `GET_PROPERTY` (of `combined`).
struct StreamRequest: Decodable {
    /// The request's `id`, echoed in the answer.
    enum ID: Decodable {
        case number(Int64)
        case text(String)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let number = try? container.decode(Int64.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        /// The id as JSON.
        var json: String {
            switch self {
            case .number(let number): String(number)
            case .text(let text): JSONText.string(text)
            case .null: "null"
            }
        }
    }

    /// One element of `params`.
    enum Parameter: Decodable {
        case text(String)
        case flag(Bool)
        /// A number, an object, an array or `null`: never valid, refused as a request.
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .other
            }
        }
    }

    var method: String
    var params: [Parameter]?
    var id: ID?

    /// Reads a request; nil when the text is not one.
    static func parse(_ text: String) -> StreamRequest? {
        try? JSONDecoder().decode(StreamRequest.self, from: Data(text.utf8))
    }

    /// The parameters when they are all strings.
    var names: [String]? {
        guard let params else { return nil }
        var names: [String] = []
        for parameter in params {
            guard case .text(let name) = parameter else { return nil }
            names.append(name)
        }
        return names
    }

    /// The answer `{"result":...,"id":...}`.
    static func result(_ json: String, id: ID?) -> String {
        "{\"result\":\(json),\"id\":\((id ?? .null).json)}"
    }

    /// Binance's error answer, `{"error":{"code":2,"msg":"..."},"id":...}`. Codes: 0 unknown
    /// property, 1 invalid value type, 2 invalid request, 3 invalid JSON.
    static func error(code: Int, _ message: String, id: ID?) -> String {
        "{\"error\":{\"code\":\(code),\"msg\":\(JSONText.string(message))},\"id\":\((id ?? .null).json)}"
    }
}
