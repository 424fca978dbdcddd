import ServiceLifecycle

/// Sends each accepted command's stream messages once the command is durable, in the order the
/// commands were applied.
public struct StreamPublisher: Service {
    /// The sequencer whose publications are sent.
    public let venue: Venue
    /// Where they go.
    public let hub: StreamHub

    /// Creates the publisher.
    public init(venue: Venue, hub: StreamHub) {
        self.venue = venue
        self.hub = hub
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            for await publication in venue.publicationStream {
                try await venue.waitUntilDurable(publication.sequence)
                hub.deliver(publication.messages)
            }
        } onGracefulShutdown: {
            venue.finishPublications()
        }
    }
}
