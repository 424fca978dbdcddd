import Foundation
import Hummingbird

/// Encodes answers as JSON, the way every route replies.
public enum JSONResponse {
    /// A `200 OK` JSON response holding `value`, its keys sorted: the encoder's own key order
    /// follows hashing, which differs from run to run.
    public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
