import BackstopCore
import BackstopEngine
import Foundation

/// The journal's form of a command: compact and fast to read, since replay reads millions of them.
///
/// Each command is one tag byte (its action; the numbers are fixed forever), the time, and the
/// action's fields in declaration order: identifiers and scaled numbers as 64-bit little-endian
/// integers, strings and enumerations as length-prefixed UTF-8, optional fields behind a presence
/// byte. Market and fund creation, rare and richly nested, are kept as their command JSON.
public enum CommandCodec {
    /// Why bytes are not a command.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The bytes ended early.
        case truncated(offset: Int, needed: Int, available: Int)
        /// A string was not UTF-8.
        case notUTF8(offset: Int)
        /// The tag names no action.
        case unknownTag(UInt8)
        /// A field's value is not one the command allows.
        case badValue(field: String, value: String)
        /// Bytes were left after the command.
        case trailingBytes(Int)

        public var description: String {
            switch self {
            case .truncated(let offset, let needed, let available):
                "truncated at byte \(offset): \(needed) bytes needed, \(available) left"
            case .notUTF8(let offset): "the string at byte \(offset) is not UTF-8"
            case .unknownTag(let tag): "unknown command tag \(tag)"
            case .badValue(let field, let value): "\(field): '\(value)' is not allowed"
            case .trailingBytes(let count): "\(count) bytes after the command"
            }
        }
    }

    private enum Tag: UInt8 {
        case createMarket = 1, createInsuranceFund, deposit, withdraw, setLeverage, setMarginMode
        case adjustIsolatedMargin, placeOrder, cancelOrder, cancelAllOrders, amendOrder, indexPrice, settleFunding
    }

    /// Appends a command's bytes to `bytes`.
    public static func encode(_ command: Command, into bytes: inout [UInt8]) {
        var writer = ByteWriter(into: bytes)
        bytes = []
        switch command.action {
        case .createMarket(let spec):
            writer.write(Tag.createMarket.rawValue)
            writer.write(command.time)
            writer.write(block: json(spec))
        case .createInsuranceFund(let spec):
            writer.write(Tag.createInsuranceFund.rawValue)
            writer.write(command.time)
            writer.write(block: json(spec))
        case .deposit(let body):
            writer.write(Tag.deposit.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.amount.raw)
        case .withdraw(let body):
            writer.write(Tag.withdraw.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.amount.raw)
        case .setLeverage(let body):
            writer.write(Tag.setLeverage.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
            writer.write(Int64(body.leverage))
        case .setMarginMode(let body):
            writer.write(Tag.setMarginMode.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
            writer.write(body.mode.rawValue)
        case .adjustIsolatedMargin(let body):
            writer.write(Tag.adjustIsolatedMargin.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
            writer.write(body.amount.raw)
        case .placeOrder(let body):
            writer.write(Tag.placeOrder.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
            writer.write(body.side.rawValue)
            writer.write(body.type.rawValue)
            writer.write(body.timeInForce.rawValue)
            writer.write(optional: body.price?.raw)
            writer.write(body.quantity.raw)
            writer.write(body.reduceOnly)
            writer.write(body.selfTradePrevention.rawValue)
            writer.write(body.clientOrderId != nil)
            if let clientOrderId = body.clientOrderId { writer.write(clientOrderId) }
        case .cancelOrder(let body):
            writer.write(Tag.cancelOrder.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
            writer.write(body.orderId.rawValue)
        case .cancelAllOrders(let body):
            writer.write(Tag.cancelAllOrders.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
        case .amendOrder(let body):
            writer.write(Tag.amendOrder.rawValue)
            writer.write(command.time)
            writer.write(body.account.rawValue)
            writer.write(body.symbol)
            writer.write(body.orderId.rawValue)
            writer.write(optional: body.price?.raw)
            writer.write(optional: body.quantity?.raw)
        case .indexPrice(let body):
            writer.write(Tag.indexPrice.rawValue)
            writer.write(command.time)
            writer.write(body.symbol)
            writer.write(body.source)
            writer.write(body.price.raw)
        case .settleFunding(let body):
            writer.write(Tag.settleFunding.rawValue)
            writer.write(command.time)
            writer.write(body.symbol)
        }
        bytes = writer.bytes
    }

    /// A command's bytes.
    public static func encode(_ command: Command) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(command, into: &bytes)
        return bytes
    }

    /// The command in `bytes`, which must hold exactly one.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(Failure) -> Command {
        var reader = ByteReader(bytes)
        do {
            let command = try decode(from: &reader)
            guard reader.remaining == 0 else { throw Failure.trailingBytes(reader.remaining) }
            return command
        } catch let failure as ByteReader.Failure {
            switch failure {
            case .truncated(let offset, let needed, let available):
                throw .truncated(offset: offset, needed: needed, available: available)
            case .notUTF8(let offset): throw .notUTF8(offset: offset)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .badValue(field: "command", value: "\(error)")
        }
    }

    private static func decode(from reader: inout ByteReader) throws -> Command {
        let rawTag = try reader.readByte()
        guard let tag = Tag(rawValue: rawTag) else { throw Failure.unknownTag(rawTag) }
        let time = try reader.readInt64()
        let action: Command.Action
        switch tag {
        case .createMarket:
            action = .createMarket(try fromJSON(MarketSpec.self, reader.readBlock(), field: "createMarket"))
        case .createInsuranceFund:
            action = .createInsuranceFund(try fromJSON(InsuranceFundSpec.self, reader.readBlock(), field: "createInsuranceFund"))
        case .deposit:
            action = .deposit(Deposit(account: AccountID(try reader.readUInt64()), amount: Money(raw: try reader.readInt64())))
        case .withdraw:
            action = .withdraw(Withdraw(account: AccountID(try reader.readUInt64()), amount: Money(raw: try reader.readInt64())))
        case .setLeverage:
            let account = AccountID(try reader.readUInt64())
            let symbol = try reader.readString()
            let leverage = try reader.readInt64()
            guard let fitting = Int(exactly: leverage) else { throw Failure.badValue(field: "leverage", value: "\(leverage)") }
            action = .setLeverage(SetLeverage(account: account, symbol: symbol, leverage: fitting))
        case .setMarginMode:
            action = .setMarginMode(SetMarginMode(
                account: AccountID(try reader.readUInt64()), symbol: try reader.readString(),
                mode: try enumeration(MarginMode.self, &reader, field: "mode")))
        case .adjustIsolatedMargin:
            action = .adjustIsolatedMargin(AdjustIsolatedMargin(
                account: AccountID(try reader.readUInt64()), symbol: try reader.readString(),
                amount: Money(raw: try reader.readInt64())))
        case .placeOrder:
            let account = AccountID(try reader.readUInt64())
            let symbol = try reader.readString()
            let side = try enumeration(Side.self, &reader, field: "side")
            let type = try enumeration(OrderType.self, &reader, field: "orderType")
            let timeInForce = try enumeration(TimeInForce.self, &reader, field: "timeInForce")
            let price = try reader.readOptionalInt64().map(Price.init(raw:))
            let quantity = Quantity(raw: try reader.readInt64())
            let reduceOnly = try reader.readBool()
            let selfTradePrevention = try enumeration(SelfTradePrevention.self, &reader, field: "selfTradePrevention")
            let clientOrderId = try reader.readBool() ? try reader.readString() : nil
            action = .placeOrder(PlaceOrder(
                account: account, symbol: symbol, side: side, type: type, timeInForce: timeInForce, price: price,
                quantity: quantity, reduceOnly: reduceOnly, selfTradePrevention: selfTradePrevention,
                clientOrderId: clientOrderId))
        case .cancelOrder:
            action = .cancelOrder(CancelOrder(
                account: AccountID(try reader.readUInt64()), symbol: try reader.readString(),
                orderId: OrderID(try reader.readUInt64())))
        case .cancelAllOrders:
            action = .cancelAllOrders(CancelAllOrders(account: AccountID(try reader.readUInt64()), symbol: try reader.readString()))
        case .amendOrder:
            action = .amendOrder(AmendOrder(
                account: AccountID(try reader.readUInt64()), symbol: try reader.readString(),
                orderId: OrderID(try reader.readUInt64()), price: try reader.readOptionalInt64().map(Price.init(raw:)),
                quantity: try reader.readOptionalInt64().map(Quantity.init(raw:))))
        case .indexPrice:
            action = .indexPrice(IndexPrice(
                symbol: try reader.readString(), source: try reader.readString(), price: Price(raw: try reader.readInt64())))
        case .settleFunding:
            action = .settleFunding(SettleFunding(symbol: try reader.readString()))
        }
        return Command(time: time, action)
    }

    private static func enumeration<Value: RawRepresentable<String>>(
        _ type: Value.Type, _ reader: inout ByteReader, field: String
    ) throws -> Value {
        let text = try reader.readString()
        guard let value = Value(rawValue: text) else { throw Failure.badValue(field: field, value: text) }
        return value
    }

    private static func json(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Specs are plain data read from JSON in the first place; encoding them cannot fail.
        return Array(try! encoder.encode(value))
    }

    private static func fromJSON<Value: Decodable>(_ type: Value.Type, _ bytes: ArraySlice<UInt8>, field: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw Failure.badValue(field: field, value: (error as? DecodingError)?.pathDescription ?? "\(error)")
        }
    }
}

extension ByteWriter {
    /// A presence byte, then the number if present.
    mutating func write(optional number: Int64?) {
        write(number != nil)
        if let number { write(number) }
    }
}

extension ByteReader {
    mutating func readOptionalInt64() throws(Failure) -> Int64? {
        try readBool() ? try readInt64() : nil
    }
}
