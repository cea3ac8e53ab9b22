import Foundation

/// SplitMix64: a small, fast, seedable generator so random traffic is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A Poisson-distributed count with mean `mean` (Knuth's method; fine for the small means used here).
    mutating func poisson(_ mean: Double) -> Int {
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &self)
        var count = 0
        while product > limit {
            count += 1
            product *= Double.random(in: 0..<1, using: &self)
        }
        return count
    }

    /// How many of `trials` independent events with probability `p` happen.
    mutating func binomial(_ trials: Int, _ p: Double) -> Int {
        (0..<trials).reduce(0) { count, _ in count + (Double.random(in: 0..<1, using: &self) < p ? 1 : 0) }
    }
}

extension SeededGenerator {
    /// A standard normal sample (Box-Muller).
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Latencies in milliseconds, log-normal around `median`, rounded to whole milliseconds so ties occur.
    mutating func latencies(_ count: Int, median: Double, spread: Double = 0.4) -> [Double] {
        (0..<count).map { _ in (median * exp(spread * normal())).rounded() }
    }
}
