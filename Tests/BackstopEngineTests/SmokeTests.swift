import BackstopCore
@testable import BackstopEngine
import Testing

@Suite struct SmokeTests {
    @Test func aTradeMovesSizeBetweenTwoAccounts() {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "1", at: "65000")
        let events = venue.market(Trader.bob, .buy, "1")
        #expect(events.compactMap(\.trade).map(\.quantity) == [.of("1")])
        #expect(venue.position(Trader.bob)?.quantity == .of("1"))
        #expect(venue.position(Trader.alice)?.quantity == .of("-1"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
