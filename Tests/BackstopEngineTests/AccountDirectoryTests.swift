@testable import BackstopEngine
import Testing

/// Account numbers to table positions: small numbers in a flat array, large ones in a dictionary.
@Suite struct AccountDirectoryTests {
    @Test("small and large numbers are found; unknown ones are not")
    func denseAndSparse() {
        var directory = AccountDirectory()
        let numbers: [UInt64] = [1, 2, 900, 5_000_000_000, 7, 4_000]
        for (index, number) in numbers.enumerated() { directory.insert(AccountID(number), index: index) }
        for (index, number) in numbers.enumerated() { #expect(directory[AccountID(number)] == index) }
        for unknown: UInt64 in [0, 3, 899, 4_001, 5_000_000_001, .max] { #expect(directory[AccountID(unknown)] == nil) }
        #expect(directory.count == numbers.count)
    }

    @Test("a number too large for the flat array when added is still found once the array has grown past it")
    func sparseThenDense() {
        var directory = AccountDirectory()
        directory.insert(AccountID(10_000), index: 0)
        for number in 1...3_000 { directory.insert(AccountID(UInt64(number)), index: number) }
        // With 3,001 accounts the flat array reaches 12,000, past 10,000, which stays in the dictionary.
        directory.insert(AccountID(12_000), index: 3_001)
        #expect(directory[AccountID(10_000)] == 0)
        #expect(directory[AccountID(12_000)] == 3_001)
        #expect(directory[AccountID(3_000)] == 3_000)
        #expect(directory[AccountID(11_999)] == nil)
    }
}
