import BackstopJournal
import Testing

@Suite("CRC-32C")
struct CRC32CTests {
    @Test("matches the published check values", arguments: [
        ("the standard check string", Array("123456789".utf8), UInt32(0xE306_9283)),
        ("32 zero bytes (RFC 3720)", [UInt8](repeating: 0, count: 32), UInt32(0x8A91_36AA)),
        ("32 bytes of 0xFF (RFC 3720)", [UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
        ("nothing", [], UInt32(0)),
    ])
    func checkValues(name: String, bytes: [UInt8], expected: UInt32) {
        var crc = CRC32C()
        crc.update(bytes)
        #expect(crc.value == expected, "\(name)")
    }

    @Test("continuing a checksum equals checksumming the whole at once")
    func continuing() {
        let bytes = Array("a journal entry, then another".utf8)
        var whole = CRC32C()
        whole.update(bytes)
        var first = CRC32C()
        first.update(bytes[..<10])
        var rest = CRC32C(continuing: first.value)
        rest.update(bytes[10...])
        #expect(rest.value == whole.value)
    }
}
