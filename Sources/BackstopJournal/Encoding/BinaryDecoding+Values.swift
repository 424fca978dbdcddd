import BackstopCore

/// Reading values, each from a position that advances past it, never beyond `limit`.
extension BinaryDecoding {
    /// A primitive or fixed-point value of type `type`, which `direct` names, read without its
    /// own `init(from:)`.
    func read<T>(_ type: T.Type, _ direct: BinaryValueKind.Direct, at start: Int, limit: Int) throws(BinaryMalformation) -> T {
        var position = start
        // The kind names T itself, so each cast below is from T's own type.
        switch direct {
        case .fixedPoint(let type): return Self.fixedPoint(type, raw: try readInteger(Int64.self, at: &position, limit: limit), as: T.self)
        case .bool: return unsafeBitCast(try readBool(at: &position, limit: limit), to: T.self)
        case .string: return unsafeBitCast(try readString(at: &position, limit: limit), to: T.self)
        case .int: return unsafeBitCast(try readInteger(Int.self, at: &position, limit: limit), to: T.self)
        case .int8: return unsafeBitCast(try readInteger(Int8.self, at: &position, limit: limit), to: T.self)
        case .int16: return unsafeBitCast(try readInteger(Int16.self, at: &position, limit: limit), to: T.self)
        case .int32: return unsafeBitCast(try readInteger(Int32.self, at: &position, limit: limit), to: T.self)
        case .int64: return unsafeBitCast(try readInteger(Int64.self, at: &position, limit: limit), to: T.self)
        case .int128: return unsafeBitCast(try readInteger(Int128.self, at: &position, limit: limit), to: T.self)
        case .uint: return unsafeBitCast(try readInteger(UInt.self, at: &position, limit: limit), to: T.self)
        case .uint8: return unsafeBitCast(try readInteger(UInt8.self, at: &position, limit: limit), to: T.self)
        case .uint16: return unsafeBitCast(try readInteger(UInt16.self, at: &position, limit: limit), to: T.self)
        case .uint32: return unsafeBitCast(try readInteger(UInt32.self, at: &position, limit: limit), to: T.self)
        case .uint64: return unsafeBitCast(try readInteger(UInt64.self, at: &position, limit: limit), to: T.self)
        case .uint128: return unsafeBitCast(try readInteger(UInt128.self, at: &position, limit: limit), to: T.self)
        }
    }

    private static func fixedPoint<F: FixedPointDecimal, T>(_ type: F.Type, raw: Int64, as _: T.Type) -> T {
        unsafeBitCast(F(raw: raw), to: T.self)
    }

    @inline(__always)
    func readByte(at position: inout Int, limit: Int) throws(BinaryMalformation) -> UInt8 {
        guard position < limit else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }

    /// A varint, most often one byte: that case is read in line.
    @inline(__always)
    func readVarint(at position: inout Int, limit: Int) throws(BinaryMalformation) -> UInt64 {
        if position < limit, bytes[position] < 0x80 {
            defer { position += 1 }
            return UInt64(bytes[position])
        }
        return try readLongVarint(at: &position, limit: limit)
    }

    private func readLongVarint(at position: inout Int, limit: Int) throws(BinaryMalformation) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte(at: &position, limit: limit)
            // The tenth byte holds the 64th bit only.
            guard shift < 63 || byte <= 1 else { throw .overlong }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    func readVarint128(at position: inout Int, limit: Int) throws(BinaryMalformation) -> UInt128 {
        var value: UInt128 = 0
        var shift: UInt128 = 0
        while true {
            let byte = try readByte(at: &position, limit: limit)
            // The nineteenth byte holds the 127th and 128th bits only.
            guard shift < 126 || byte <= 3 else { throw .overlong }
            value |= UInt128(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// An integer as its sign and magnitude (a negative one's magnitude less one), 128 bits wide.
    private func readWideInteger(at position: inout Int, limit: Int) throws(BinaryMalformation) -> (negative: Bool, bits: UInt128) {
        let tag = try readByte(at: &position, limit: limit)
        if tag >= BinaryFormat.Tag.smallInteger { return (false, UInt128(tag & 0x7F)) }
        switch tag {
        case BinaryFormat.Tag.positive: return (false, try readVarint128(at: &position, limit: limit))
        case BinaryFormat.Tag.negative: return (true, try readVarint128(at: &position, limit: limit))
        default: throw .unexpected(tag)
        }
    }

    /// An integer of type `I`, refusing one out of its range.
    func readInteger<I: FixedWidthInteger>(_ type: I.Type, at position: inout Int, limit: Int) throws(BinaryMalformation) -> I {
        if I.bitWidth > 64 {
            let (negative, bits) = try readWideInteger(at: &position, limit: limit)
            // A negative integer −(bits + 1) is ~bits in two's complement.
            let value = negative ? Int128(exactly: bits).map { ~$0 } : nil
            guard let result = negative ? value.flatMap(I.init(exactly:)) : I(exactly: bits) else {
                throw .outOfRange(negative ? Self.negative(bits) : "\(bits)", I.self)
            }
            return result
        }
        let tag = try readByte(at: &position, limit: limit)
        if tag >= BinaryFormat.Tag.smallInteger { return I(tag & 0x7F) }
        switch tag {
        case BinaryFormat.Tag.positive:
            let magnitude = try readVarint(at: &position, limit: limit)
            guard let result = I(exactly: magnitude) else { throw .outOfRange("\(magnitude)", I.self) }
            return result
        case BinaryFormat.Tag.negative:
            let bits = try readVarint(at: &position, limit: limit)
            guard bits <= UInt64(Int64.max), let result = I(exactly: ~Int64(bits)) else {
                throw .outOfRange(Self.negative(UInt128(bits)), I.self)
            }
            return result
        default:
            throw .unexpected(tag)
        }
    }

    /// The negative integer −(bits + 1), in words.
    private static func negative(_ bits: UInt128) -> String {
        Int128(exactly: bits).map { "\(~$0)" } ?? "−\(bits) − 1"
    }

    func readBool(at position: inout Int, limit: Int) throws(BinaryMalformation) -> Bool {
        let tag = try readByte(at: &position, limit: limit)
        switch tag {
        case BinaryFormat.Tag.smallInteger: return false
        case BinaryFormat.Tag.smallInteger | 1: return true
        default: throw .unexpected(tag)
        }
    }

    func readString(at position: inout Int, limit: Int) throws(BinaryMalformation) -> String {
        let tag = try readByte(at: &position, limit: limit)
        switch tag {
        case BinaryFormat.Tag.string:
            return try readText(at: &position, limit: limit)
        case BinaryFormat.Tag.storedString:
            let number = try readVarint(at: &position, limit: limit)
            guard number < UInt64(strings.count) else { throw .unknownString(number) }
            return strings[Int(number)]
        default:
            throw .unexpected(tag)
        }
    }

    /// A varint byte count and that many bytes of UTF-8.
    func readText(at position: inout Int, limit: Int) throws(BinaryMalformation) -> String {
        let count = try readVarint(at: &position, limit: limit)
        guard count <= UInt64(limit - position) else { throw .truncated }
        let end = position + Int(count)
        let text = bytes[position..<end].withUnsafeBufferPointer { utf8 in
            // ASCII, as names and symbols nearly always are, needs no further validation.
            utf8.allSatisfy { $0 < 0x80 } ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }
        guard let text else { throw .notUTF8 }
        position = end
        return text
    }

    func readKey(at position: inout Int, limit: Int) throws(BinaryMalformation) -> StoredKey {
        let first = try readVarint(at: &position, limit: limit)
        if first == UInt64(BinaryFormat.integerKey) { return .integer(try readInteger(Int.self, at: &position, limit: limit)) }
        guard first & 1 == 0, first >> 1 < UInt64(strings.count) else { throw .unknownString(first >> 1) }
        return .string(Int(first >> 1))
    }

    /// Where the value at `start` ends.
    func skipValue(at start: Int, limit: Int) throws(BinaryMalformation) -> Int {
        var position = start
        let tag = try readByte(at: &position, limit: limit)
        switch tag {
        case BinaryFormat.Tag.null, BinaryFormat.Tag.smallInteger...:
            return position
        case BinaryFormat.Tag.positive, BinaryFormat.Tag.negative, BinaryFormat.Tag.storedString:
            // A varint of up to 128 bits: its last byte is the first below 0x80.
            for _ in 0..<19 {
                if try readByte(at: &position, limit: limit) < 0x80 { return position }
            }
            throw .overlong
        case BinaryFormat.Tag.string, BinaryFormat.Tag.keyed, BinaryFormat.Tag.unkeyed:
            let length = try readVarint(at: &position, limit: limit)
            guard length <= UInt64(limit - position) else { throw .truncated }
            return position + Int(length)
        default:
            throw .unknownTag(tag)
        }
    }
}
