import BackstopCore

extension BinaryEncoding {
    /// Writes `value` if it is a primitive or a fixed-point number, and says whether it was.
    func encodeDirectly<T: Encodable>(_ value: T) -> Bool {
        guard case .direct(let direct) = kinds.kind(of: T.self) else { return false }
        // The kind names T itself, so each cast below is to T's own type.
        switch direct {
        case .fixedPoint(let type): writeInteger(Self.raw(of: value, as: type))
        case .bool: write(unsafeBitCast(value, to: Bool.self))
        case .string: write(unsafeBitCast(value, to: String.self))
        case .int: writeInteger(Int64(unsafeBitCast(value, to: Int.self)))
        case .int8: writeInteger(Int64(unsafeBitCast(value, to: Int8.self)))
        case .int16: writeInteger(Int64(unsafeBitCast(value, to: Int16.self)))
        case .int32: writeInteger(Int64(unsafeBitCast(value, to: Int32.self)))
        case .int64: writeInteger(unsafeBitCast(value, to: Int64.self))
        case .int128: writeInteger(unsafeBitCast(value, to: Int128.self))
        case .uint: writeInteger(UInt64(unsafeBitCast(value, to: UInt.self)))
        case .uint8: writeInteger(UInt64(unsafeBitCast(value, to: UInt8.self)))
        case .uint16: writeInteger(UInt64(unsafeBitCast(value, to: UInt16.self)))
        case .uint32: writeInteger(UInt64(unsafeBitCast(value, to: UInt32.self)))
        case .uint64: writeInteger(unsafeBitCast(value, to: UInt64.self))
        case .uint128: writeInteger(unsafeBitCast(value, to: UInt128.self))
        }
        return true
    }

    private static func raw<F: FixedPointDecimal>(of value: some Any, as _: F.Type) -> Int64 {
        unsafeBitCast(value, to: F.self).raw
    }

    /// Writes any value: directly if it can be, else sortable collections in key order and
    /// anything else through its own `encode(to:)`, under `key`.
    func encode<T: Encodable>(_ value: T, key: (any CodingKey)?) throws {
        if encodeDirectly(value) { return }
        let frame = enterValue(key: key)
        defer { leaveValue(frame) }
        switch kinds.kind(of: T.self) {
        case .other, .direct: try value.encode(to: self)
        case .sorted: try (value as! any SortedEncodable).encodeSorted(to: self)
        case .unordered:
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath, debugDescription: "\(T.self) has no fixed order: its keys are not Comparable"))
        }
    }

    func writeNil() { bytes.append(BinaryFormat.Tag.null) }

    func write(_ value: Bool) { bytes.append(BinaryFormat.Tag.smallInteger | (value ? 1 : 0)) }

    func write(_ value: String) {
        var text = value
        if text.utf8.count <= BinaryFormat.longestStoredString {
            bytes.append(BinaryFormat.Tag.storedString)
            appendVarint(store(text))
            return
        }
        text.withUTF8 { utf8 in
            bytes.append(BinaryFormat.Tag.string)
            appendVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func writeInteger(_ value: UInt64) {
        if value < 0x80 {
            bytes.append(BinaryFormat.Tag.smallInteger | UInt8(value))
        } else {
            bytes.append(BinaryFormat.Tag.positive)
            appendVarint(value)
        }
    }

    /// A negative `value` is written as its magnitude less one: `~value`.
    func writeInteger(_ value: Int64) {
        if value >= 0 {
            writeInteger(UInt64(value))
        } else {
            bytes.append(BinaryFormat.Tag.negative)
            appendVarint(UInt64(bitPattern: ~value))
        }
    }

    func writeInteger(_ value: UInt128) {
        if let narrow = UInt64(exactly: value) {
            writeInteger(narrow)
        } else {
            bytes.append(BinaryFormat.Tag.positive)
            BinaryFormat.appendVarint(value, to: &bytes)
        }
    }

    func writeInteger(_ value: Int128) {
        if let narrow = Int64(exactly: value) {
            writeInteger(narrow)
        } else if value > 0 {
            writeInteger(UInt128(value))
        } else {
            bytes.append(BinaryFormat.Tag.negative)
            BinaryFormat.appendVarint(UInt128(bitPattern: ~value), to: &bytes)
        }
    }

    func appendVarint(_ value: UInt64) { BinaryFormat.appendVarint(value, to: &bytes) }

    /// The error for a floating-point value, which a snapshot never holds.
    func floatingPoint(_ value: Any, key: (any CodingKey)?, depth: Int) -> EncodingError {
        EncodingError.invalidValue(value, EncodingError.Context(
            codingPath: path(depth) + (key.map { [$0] } ?? []),
            debugDescription: "floating-point numbers are not written: amounts are fixed-point"))
    }
}
