/// Makes API keys and secrets from a random number generator, as Binance's look: 64 letters and
/// digits, about 381 bits of randomness.
///
/// The server uses the system's generator (`SystemRandomNumberGenerator`, the operating system's
/// cryptographically secure source); the engine never draws random numbers of its own.
enum KeyGenerator {
    /// The characters a key is made of.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    /// The length of a key.
    static let length = 64

    /// A new key drawn from `generator`.
    static func key(using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<length {
            bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
