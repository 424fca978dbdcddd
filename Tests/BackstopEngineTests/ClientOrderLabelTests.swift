@testable import BackstopEngine
import Testing

/// Client order ids kept inline in resting orders.
@Suite struct ClientOrderLabelTests {
    @Test("gives back exactly the text it was made from", arguments: [
        "", "a", "my-1", "12345678", "123456789", String(repeating: "x", count: 36),
        String(repeating: "y", count: 40), "ü-ñ-€-😀",
    ])
    func roundTrip(_ text: String) {
        #expect(ClientOrderLabel(text)?.text == text)
    }

    @Test("refuses more than 40 bytes")
    func capacity() {
        #expect(ClientOrderLabel(String(repeating: "z", count: 41)) == nil)
        #expect(ClientOrderLabel(String(repeating: "€", count: 14)) == nil)
    }

    @Test("equal exactly when the texts are equal")
    func equality() {
        #expect(ClientOrderLabel("abc") == ClientOrderLabel("abc"))
        #expect(ClientOrderLabel("abc") != ClientOrderLabel("abd"))
        #expect(ClientOrderLabel("abc") != ClientOrderLabel("abc\u{0}"))
    }
}
