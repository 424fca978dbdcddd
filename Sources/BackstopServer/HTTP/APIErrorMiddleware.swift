import Hummingbird
import Logging

/// Turns every failure into Binance's `{"code": ..., "msg": ...}` shape: an ``APIError`` as it is, a
/// route that does not exist as -1000 with 404, and anything unexpected as -1000 with 500 (logged).
public struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            if error.status == .notFound {
                throw APIError(-1000, "No such endpoint: \(request.method) \(request.uri.path).", status: .notFound)
            }
            throw APIError(-1000, error.body ?? "\(error.status)", status: error.status)
        } catch {
            context.logger.error("unexpected failure on \(request.uri.path): \(error)")
            throw APIError.unknown("\(error)")
        }
    }
}
