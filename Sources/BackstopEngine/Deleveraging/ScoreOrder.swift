/// Same-side positions in ascending deleveraging order, for the ADL indicator: by exact ``Score``,
/// equal scores by descending account (the lower account ranks first, so last here).
///
/// A full comparison sort of a million 128-bit scores with account tie-breaks is slow, so the scores
/// are first sorted by a 64-bit key that never orders two scores against their exact order (equal
/// keys are allowed), with a least-significant-digit radix sort that skips the digits every key
/// shares; the runs of equal keys are then checked with the exact comparison and sorted by it where
/// needed. The result is the exact order whatever the keys: the keys only make it fast.
enum ScoreOrder {
    /// The positions of `scores` (with their holders' `accounts`) in ascending order.
    static func ascending(_ scores: [Score], accounts: [AccountID]) -> [Int] {
        let count = scores.count
        precondition(count < 1 << 32, "too many positions")
        // Fed from the last position down, so that a stable sort leaves equal keys by descending
        // position, which is descending account when accounts rise with position (then the runs need
        // no sorting, only the check).
        var keys = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            for position in 0..<count { buffer[position] = key(scores[count - 1 - position]) }
            initialized = count
        }
        var positions = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for position in 0..<count { buffer[position] = UInt32(count - 1 - position) }
            initialized = count
        }
        radixSort(&keys, carrying: &positions)
        var order = positions.map { Int($0) }
        let before = { (left: Int, right: Int) -> Bool in
            scores[left] != scores[right] ? scores[left] < scores[right] : accounts[left] > accounts[right]
        }
        var start = 0
        while start < count {
            var end = start + 1
            var sorted = true
            while end < count, keys[end] == keys[start] {
                if sorted, !before(order[end - 1], order[end]) { sorted = false }
                end += 1
            }
            if !sorted { order[start..<end].sort(by: before) }
            start = end
        }
        return order
    }

    /// A 64-bit key in the order of the scores (equal for close scores): a sign bit, then the raw
    /// value's bit length and its leading 55 bits, which orders magnitudes; negative values reversed.
    static func key(_ score: Score) -> UInt64 {
        let magnitude = score.raw.magnitude
        let length = UInt64(128 - magnitude.leadingZeroBitCount)
        let leading = length == 0 ? 0 : UInt64(truncatingIfNeeded: (magnitude << (128 - length)) >> 73)
        let ordered = length << 55 | leading
        return score.raw < 0 ? (1 << 63) - 1 - ordered : 1 << 63 | ordered
    }

    /// Sorts `keys` ascending, stably, moving `payload` along, 11 bits at a time; a digit that every
    /// key shares is skipped.
    static func radixSort(_ keys: inout [UInt64], carrying payload: inout [UInt32]) {
        let count = keys.count
        let digitBits = 11
        let buckets = 1 << digitBits
        let digits = (64 + digitBits - 1) / digitBits
        var histograms = [Int](repeating: 0, count: buckets * digits)
        keys.withUnsafeBufferPointer { keys in
            for key in keys {
                for digit in 0..<digits {
                    histograms[digit * buckets + Int((key >> UInt64(digit * digitBits)) & UInt64(buckets - 1))] += 1
                }
            }
        }
        var spareKeys = [UInt64](repeating: 0, count: count)
        var sparePayload = [UInt32](repeating: 0, count: count)
        for digit in 0..<digits {
            let base = digit * buckets
            guard !histograms[base..<base + buckets].contains(count) else { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var total = 0
            for bucket in 0..<buckets {
                offsets[bucket] = total
                total += histograms[base + bucket]
            }
            let shift = UInt64(digit * digitBits)
            keys.withUnsafeBufferPointer { keys in
                payload.withUnsafeBufferPointer { payload in
                    spareKeys.withUnsafeMutableBufferPointer { spareKeys in
                        sparePayload.withUnsafeMutableBufferPointer { sparePayload in
                            for position in 0..<count {
                                let bucket = Int((keys[position] >> shift) & UInt64(buckets - 1))
                                spareKeys[offsets[bucket]] = keys[position]
                                sparePayload[offsets[bucket]] = payload[position]
                                offsets[bucket] += 1
                            }
                        }
                    }
                }
            }
            swap(&keys, &spareKeys)
            swap(&payload, &sparePayload)
        }
    }
}
