import Foundation
import Hummingbird

/// A signed admin request whose body is a JSON document: the body is read as sent and decoded only
/// after the signature over the query string followed by that body has been verified.
///
/// The client signs exactly as Binance's form bodies are signed, with the query string (every
/// parameter but `signature`) and the raw body concatenated without a separator:
/// `HMAC-SHA256(secret, "timestamp=…" + "{…}")`, `signature` then appended to the query string.
/// The body must be sent with `Content-Type: application/json`.
enum SignedJSONBody {
    /// Verifies the admin signature and decodes the body as `Value`, refusing fields `Value` does
    /// not read.
    ///
    /// - Throws: ``APIError``: the signature's errors first; -1130 for another content type, a
    ///   body that is not JSON or a field of the wrong type or unknown; -1102 for an empty body or
    ///   a missing field. Each names the field by its path, such as `riskTiers[0].maxLeverage`.
    static func decode<Value: StrictlyDecodable>(
        _ type: Value.Type, from request: Request, services: VenueServices
    ) async throws -> Value {
        var request = request
        let limit = services.limits.maxBodyBytes
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError.bodyTooLarge(limit)
        }
        _ = try await services.admin(request)
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw APIError.badValue("Content-Type", "send the body as application/json")
        }
        guard body.readableBytes > 0 else { throw APIError.missing("body") }
        // The text that was signed, so that what is decoded is what the signature covers.
        let text = String(buffer: body)
        do {
            return try JSONDecoder().decode(Strict<Value>.self, from: Data(text.utf8)).value
        } catch let error as DecodingError {
            throw apiError(error)
        }
    }

    /// The Binance error for a body that does not decode.
    static func apiError(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return APIError.missing(path(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            return APIError.missing(path(context.codingPath))
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else {
                return APIError.badValue("body", context.debugDescription)
            }
            return APIError.badValue(path(context.codingPath), context.debugDescription)
        @unknown default:
            return APIError.badValue("body", "\(error)")
        }
    }

    /// A coding path as a reader writes it: `riskTiers[0].maxLeverage`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else if key.stringValue.hasPrefix("Index "), let index = Int(key.stringValue.dropFirst(6)) {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "body" : text
    }

    /// Decodes `Value` after refusing the fields it does not read.
    private struct Strict<Wrapped: StrictlyDecodable>: Decodable {
        var value: Wrapped

        init(from decoder: any Decoder) throws {
            try Wrapped.rejectUnknownFields(in: decoder)
            value = try Wrapped(from: decoder)
        }
    }
}
