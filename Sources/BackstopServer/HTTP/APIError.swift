import Foundation
import HTTPTypes
import Hummingbird

/// A refusal in Binance's shape, `{"code": -1121, "msg": "Invalid symbol."}`, with its HTTP status.
///
/// The codes are Binance's, so that clients written for Binance map them to the same exceptions:
/// -1xxx for malformed requests and authentication, -2xxx for orders and keys, -4xxx for margin and
/// position settings. A refused request changes nothing.
public struct APIError: Error, HTTPResponseError, Hashable, Sendable, CustomStringConvertible {
    /// Binance's error code.
    public var code: Int
    /// The message for the client.
    public var msg: String
    /// The HTTP status it is sent with.
    public var status: HTTPResponse.Status

    /// Creates an error.
    public init(_ code: Int, _ msg: String, status: HTTPResponse.Status = .badRequest) {
        self.code = code
        self.msg = msg
        self.status = status
    }

    public var description: String { "\(code): \(msg)" }

    /// The body, `{"code":...,"msg":"..."}`.
    public var body: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let message = String(decoding: (try? encoder.encode(msg)) ?? Data("\"\"".utf8), as: UTF8.self)
        return "{\"code\":\(code),\"msg\":\(message)}"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension APIError {
    /// -1000: an unexpected failure inside the server.
    public static func unknown(_ detail: String) -> APIError {
        APIError(-1000, "An unknown error occurred while processing the request. \(detail)", status: .internalServerError)
    }
    /// -1002: the request needs a key and has none.
    public static let unauthorized = APIError(
        -1002, "You are not authorized to execute this request.", status: .unauthorized)
    /// -1021: `timestamp` is outside the receive window.
    public static func staleTimestamp(_ detail: String) -> APIError {
        APIError(-1021, "Timestamp for this request is outside of the recvWindow. \(detail)")
    }
    /// -1022: the signature does not match.
    public static let badSignature = APIError(-1022, "Signature for this request is not valid.")
    /// -1022: the same signed request was already received.
    public static let replayed = APIError(-1022, "Signature for this request was already used: a signed request is accepted once.")
    /// -1100: a parameter has illegal characters or form.
    public static func illegalCharacters(_ name: String, _ detail: String = "") -> APIError {
        APIError(-1100, "Illegal characters found in parameter '\(name)'" + (detail.isEmpty ? "." : "; \(detail)."))
    }
    /// -1101: a parameter given twice.
    public static func duplicated(_ name: String) -> APIError {
        APIError(-1101, "Duplicate values for parameter '\(name)'.")
    }
    /// -1102: a mandatory parameter is missing or empty.
    public static func missing(_ name: String) -> APIError {
        APIError(-1102, "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed.")
    }
    /// -1111: more decimals than the market allows.
    public static func precision(_ name: String) -> APIError {
        APIError(-1111, "Precision is over the maximum defined for this asset (\(name)).")
    }
    /// -1116: unknown order type.
    public static let badOrderType = APIError(-1116, "Invalid orderType.")
    /// -1117: unknown side.
    public static let badSide = APIError(-1117, "Invalid side.")
    /// -1121: unknown symbol.
    public static let badSymbol = APIError(-1121, "Invalid symbol.")
    /// -1130: a parameter's value is not acceptable.
    public static func badValue(_ name: String, _ detail: String = "") -> APIError {
        APIError(-1130, "Invalid data sent for a parameter (\(name))" + (detail.isEmpty ? "." : ": \(detail)."))
    }
    /// -2013: no such order for this account.
    public static let noSuchOrder = APIError(-2013, "Order does not exist.")
    /// -2014: the key is malformed.
    public static let badKeyFormat = APIError(-2014, "API-key format invalid.", status: .unauthorized)
    /// -2015: unknown key, or a key without this permission.
    public static let forbiddenKey = APIError(-2015, "Invalid API-key, IP, or permissions for action.", status: .unauthorized)
    /// -1006 with 413: the body is larger than the limit.
    public static func bodyTooLarge(_ limit: Int) -> APIError {
        APIError(-1006, "Request body is larger than \(limit) bytes.", status: .contentTooLarge)
    }
}
