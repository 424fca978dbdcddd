import BackstopEngine
import Testing

@testable import BackstopServer

@Suite("An engine refusal carries Binance's code for it, and the engine's message")
struct RejectionCodeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var reason: RejectReason
        var code: Int
        var testDescription: String { "\(reason) is \(code)" }
    }

    @Test(
        "codes",
        arguments: [
            Case(reason: .unknownMarket, code: -1121), Case(reason: .unknownOrder, code: -2011),
            Case(reason: .insufficientMargin, code: -2019), Case(reason: .insufficientBalance, code: -2019),
            Case(reason: .reduceOnlyWouldIncrease, code: -2022), Case(reason: .tooManyOrders, code: -2025),
            Case(reason: .exceedsPositionLimit, code: -2027), Case(reason: .belowMinNotional, code: -4164),
            Case(reason: .invalidLeverage, code: -4028), Case(reason: .postOnlyWouldMatch, code: -5022),
            Case(reason: .invalidAmendment, code: -1130), Case(reason: .malformed, code: -1130),
        ])
    func codes(_ sample: Case) {
        let error = APIError(Rejection(sample.reason, "the engine's own words"))
        #expect(error.code == sample.code)
        #expect(error.msg == "the engine's own words")
        #expect(error.status == .badRequest)
    }
}
