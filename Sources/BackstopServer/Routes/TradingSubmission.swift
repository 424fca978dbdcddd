import BackstopEngine

extension VenueServices {
    /// Applies `action` and answers with `respond`'s value once the command is durable; a command
    /// the engine refuses becomes the Binance error `refusal` gives for it.
    func accepted<Answer: Sendable>(
        _ action: Command.Action, refusal: @escaping @Sendable (Rejection) -> APIError = { APIError($0) },
        respond: @escaping @Sendable (_ events: [Event], _ engine: Engine, _ history: VenueHistory) throws -> Answer
    ) async throws -> Answer {
        try await venue.submit(action) { events, engine, history in
            if case .rejected(let rejection) = events.first { throw refusal(rejection) }
            return try respond(events, engine, history)
        }
    }
}
