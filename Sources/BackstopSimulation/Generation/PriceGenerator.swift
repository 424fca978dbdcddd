import Foundation

/// Index prices along a scenario's price path, one per step.
enum PriceGenerator {
    /// Prices at seconds `0, step, 2·step, ...` up to `until` (inclusive), starting at `start`.
    static func prices(_ path: PricePath, start: Double, stepMilliseconds: Int64, until milliseconds: Int64,
                       random: inout ScenarioRandom) -> [Double] {
        let count = Int(milliseconds / stepMilliseconds) + 1
        var prices: [Double] = []
        prices.reserveCapacity(count)
        switch path {
        case let .crash(startSecond, drop, crashSeconds, rebound, reboundSeconds, noise):
            for index in 0..<count {
                let second = Double(Int64(index) * stepMilliseconds) / 1_000
                let crashStart = Double(startSecond)
                let bottom = start * (1 - drop / 100)
                let recovered = bottom + (start - bottom) * rebound / 100
                let level: Double
                if second <= crashStart {
                    level = start
                } else if second <= crashStart + Double(crashSeconds) {
                    level = start + (bottom - start) * (second - crashStart) / Double(max(crashSeconds, 1))
                } else if second <= crashStart + Double(crashSeconds + reboundSeconds) {
                    let elapsed = second - crashStart - Double(crashSeconds)
                    level = bottom + (recovered - bottom) * elapsed / Double(max(reboundSeconds, 1))
                } else {
                    level = recovered
                }
                prices.append(level * (1 + noise / 100 * random.normal()))
            }
        case let .jumpDiffusion(volatility, jumpsPerHour, jumpMean, jumpSpread):
            var logPrice = log(start)
            let hours = Double(stepMilliseconds) / 3_600_000
            for index in 0..<count {
                if index > 0 {
                    logPrice += volatility / 100 * hours.squareRoot() * random.normal()
                    if random.unit() < jumpsPerHour * hours {
                        logPrice += log(max(0.01, 1 + (jumpMean + jumpSpread * random.normal()) / 100))
                    }
                }
                prices.append(exp(logPrice))
            }
        case .csv:
            preconditionFailure("CSV price paths are read into points when the scenario is loaded")
        case let .points(points):
            for index in 0..<count {
                let second = Double(Int64(index) * stepMilliseconds) / 1_000
                prices.append(interpolate(points, at: second))
            }
        }
        return prices
    }

    /// Linear interpolation between points, flat beyond the ends.
    static func interpolate(_ points: [(second: Int64, price: Double)], at second: Double) -> Double {
        guard let first = points.first, let last = points.last else { return 0 }
        if second <= Double(first.second) { return first.price }
        if second >= Double(last.second) { return last.price }
        for (left, right) in zip(points, points.dropFirst()) where second <= Double(right.second) {
            let span = Double(right.second - left.second)
            return span == 0 ? right.price : left.price + (right.price - left.price) * (second - Double(left.second)) / span
        }
        return last.price
    }
}
