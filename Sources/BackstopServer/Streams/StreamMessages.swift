import BackstopEngine

/// Turns one command's events into the stream messages Binance would send for them, reading the
/// state right after the command.
public enum StreamMessages {
    /// The messages for `events`, in order.
    public static func render(command: Command, events: [Event], engine: Engine, history: VenueHistory) -> [StreamMessage] {
        []
    }
}
