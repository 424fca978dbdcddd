import BackstopEngine

/// The recent liquidations and deleveraging rounds of the whole venue, newest last, for the risk
/// operator's page.
public struct RiskEventLog: Sendable {
    /// An empty log.
    public init() {}

    /// Takes in one accepted command and its events.
    public mutating func record(_ command: Command, _ events: [Event]) {}
}
