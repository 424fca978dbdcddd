import BackstopCore

extension BinaryEncoding {
    /// Writes a value of any type: primitives and fixed-point numbers directly, sortable
    /// collections in key order, anything else through its own `encode(to:)` under `key`.
    func encode<T: Encodable>(_ value: T, key: (any CodingKey)?) throws {
        switch kinds.kind(of: T.self) {
        case .other: try nested(key) { try value.encode(to: self) }
        case .fixedPoint(let type): writeInteger(Self.raw(of: value, as: type))
        case .bool: write(value as! Bool)
        case .string: write(value as! String)
        case .int: writeInteger(Int64(value as! Int))
        case .int8: writeInteger(Int64(value as! Int8))
        case .int16: writeInteger(Int64(value as! Int16))
        case .int32: writeInteger(Int64(value as! Int32))
        case .int64: writeInteger(value as! Int64)
        case .int128: writeInteger(value as! Int128)
        case .uint: writeInteger(UInt64(value as! UInt))
        case .uint8: writeInteger(UInt64(value as! UInt8))
        case .uint16: writeInteger(UInt64(value as! UInt16))
        case .uint32: writeInteger(UInt64(value as! UInt32))
        case .uint64: writeInteger(value as! UInt64)
        case .uint128: writeInteger(value as! UInt128)
        case .sorted: try nested(key) { try (value as! any SortedEncodable).encodeSorted(to: self) }
        case .unordered:
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath + (key.map { [$0] } ?? []),
                debugDescription: "\(T.self) has no fixed order: its keys are not Comparable"))
        }
    }

    private static func raw<F: FixedPointDecimal>(of value: some Any, as _: F.Type) -> Int64 { (value as! F).raw }

    /// Runs `body` to encode a value under `key`, then closes what it left open.
    private func nested(_ key: (any CodingKey)?, _ body: () throws -> Void) throws {
        let frame = enterValue(key: key)
        defer { leaveValue(frame) }
        try body()
    }

    func writeNil() { bytes.append(BinaryFormat.Tag.null) }

    func write(_ value: Bool) { bytes.append(BinaryFormat.Tag.smallInteger | (value ? 1 : 0)) }

    func write(_ value: String) {
        var text = value
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
