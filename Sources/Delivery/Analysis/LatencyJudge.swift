import Foundation

/// A one-sided Mann-Whitney U test: are the canary's per-request latencies stochastically larger than the
/// baseline's? Uses the normal approximation with tie correction and continuity correction. A canary fails only
/// when the difference is significant at `alpha` *and* large: its probability of superiority (the chance a random
/// canary request is slower than a random baseline request) reaches `minimumProbabilityOfSuperiority`, the
/// ratio of medians reaches `minimumMedianRatio`, and the medians differ by at least `minimumMedianIncrease`. The
/// last keeps sub-millisecond noise (a replica on a busier core) from failing a fast service's canary: 1.2 times
/// a 1 ms median is a difference no user sees.
public struct LatencyJudge: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The most recent samples per side an analysis judges.
    public static let maximumSamples = 5000

    /// The significance level of the one-sided test.
    public var alpha: Double
    /// Samples each side needs before the test decides anything.
    public var minimumSamples: Int
    /// The smallest P(canary slower than baseline) that counts as a regression (0.5 means no difference).
    public var minimumProbabilityOfSuperiority: Double
    /// The smallest canary-to-baseline ratio of medians that counts as a regression.
    public var minimumMedianRatio: Double
    /// The smallest difference of medians that counts as a regression, in the samples' unit (milliseconds for
    /// the builtin provider).
    public var minimumMedianIncrease: Double

    /// A judge with the given thresholds; the defaults fail at α 1% when P(slower) ≥ 0.6, medians ≥ 1.1× and
    /// at least 2 ms apart.
    public init(
        alpha: Double = 0.01, minimumSamples: Int = 20, minimumProbabilityOfSuperiority: Double = 0.6,
        minimumMedianRatio: Double = 1.1, minimumMedianIncrease: Double = 2
    ) {
        self.minimumMedianIncrease = minimumMedianIncrease
        self.alpha = alpha
        self.minimumSamples = minimumSamples
        self.minimumProbabilityOfSuperiority = minimumProbabilityOfSuperiority
        self.minimumMedianRatio = minimumMedianRatio
    }

    /// Judges two samples of latencies (any unit, the same on both sides).
    public func judge(canary: [Double], baseline: [Double]) -> JudgeResult {
        guard canary.count >= minimumSamples, baseline.count >= minimumSamples else {
            return JudgeResult(
                .insufficientData,
                "canary \(canary.count) vs baseline \(baseline.count) latency samples: fewer than \(minimumSamples) "
                    + "on a side"
            )
        }
        let test = MannWhitney(canary, baseline)
        let medianRatio =
            Self.median(baseline) > 0
            ? Self.median(canary) / Self.median(baseline) : (Self.median(canary) > 0 ? .infinity : 1)
        let short = ErrorRateJudge.short
        let evidence =
            "median canary \(short(Self.median(canary))) vs baseline \(short(Self.median(baseline))) "
            + "(×\(short(medianRatio))), P(slower) \(short(test.probabilityOfSuperiority)), p = "
            + "\(String(format: "%.2g", test.pValue)), n \(canary.count)/\(baseline.count)"
        let significant = test.pValue < alpha
        let large =
            test.probabilityOfSuperiority >= minimumProbabilityOfSuperiority && medianRatio >= minimumMedianRatio
            && Self.median(canary) - Self.median(baseline) >= minimumMedianIncrease
        if significant && large { return JudgeResult(.fail, "canary is slower: \(evidence)", statistic: test.z) }
        return JudgeResult(.pass, "canary is not slower by the effect size: \(evidence)", statistic: test.z)
    }

    /// `latency judge (Mann-Whitney, α 0.01, P(slower) ≥ 0.6, medians ≥ 1.1× and +2)`.
    public var description: String {
        let short = ErrorRateJudge.short
        return
            "latency judge (Mann-Whitney, α \(short(alpha)), P(slower) ≥ \(short(minimumProbabilityOfSuperiority)), "
            + "medians ≥ \(short(minimumMedianRatio))× and +\(short(minimumMedianIncrease)))"
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// The Mann-Whitney U statistic of `first` against `second` and its one-sided p-value (first larger).
struct MannWhitney {
    /// U for the first sample: pairs where it is larger, plus half the ties.
    let u: Double
    /// The standardized statistic with continuity and tie correction.
    let z: Double
    /// P(Z ≥ z) under the null hypothesis.
    let pValue: Double
    /// U divided by the number of pairs.
    let probabilityOfSuperiority: Double

    init(_ first: [Double], _ second: [Double]) {
        let n1 = Double(first.count)
        let n2 = Double(second.count)
        let n = n1 + n2
        let pooled = (first.map { ($0, true) } + second.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var tieTerm = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count, pooled[end + 1].0 == pooled[start].0 { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            let size = Double(end - start + 1)
            tieTerm += size * size * size - size
            for index in start...end where pooled[index].1 { rankSum += averageRank }
            start = end + 1
        }
        u = rankSum - n1 * (n1 + 1) / 2
        probabilityOfSuperiority = u / (n1 * n2)
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else {
            z = 0
            pValue = 1
            return
        }
        z = (u - n1 * n2 / 2 - 0.5) / variance.squareRoot()
        pValue = 0.5 * erfc(z / 2.0.squareRoot())
    }
}
