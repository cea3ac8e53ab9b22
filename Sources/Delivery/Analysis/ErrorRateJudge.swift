import Foundation

/// A sequential probability ratio test on error counts, canary against baseline, that may be checked after
/// every window without inflating its false-failure rate.
///
/// Each window is tested on how its errors split between canary and baseline. If both fail at the same rate, a
/// window's error lands on the canary with probability q0 = n_c / (n_c + n_b) (its share of the requests). If the
/// canary is worse by the effect size — its rate is at least `minimumRatio` × the baseline's or the baseline's +
/// `minimumDifference`, whichever is larger — that probability is q1 = ρ·n_c / (ρ·n_c + n_b). ρ is the ratio
/// of the rates seen *before* the window, but at least that effect size, so a canary that is far worse is
/// judged against a far larger ratio and fails sooner. The log-likelihood ratio of the splits is summed; the
/// canary fails at ln((1-β)/α) and passes at ln(β/(1-α)).
///
/// Conditioning on the split makes the test exact whatever the baseline's rate is, and computing ρ only from
/// earlier windows keeps the likelihood ratio a martingale when the canary is as good as the baseline, so the
/// chance of ever failing such a canary stays at about α however many 1-second windows are checked. The sum is
/// not allowed below the pass boundary (Page's CUSUM), so a canary that regresses after a long healthy stretch
/// is caught as quickly as a new one.
public struct ErrorRateJudge: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The smallest increase of the error rate that counts as a regression, as a fraction (0.01 = 1 point).
    public var minimumDifference: Double
    /// The smallest ratio of error rates that counts as a regression.
    public var minimumRatio: Double
    /// The probability of failing a canary that is as good as the baseline.
    public var alpha: Double
    /// The probability of passing a canary that is worse by the effect size.
    public var beta: Double
    /// Requests each side must have served before the judge fails anything.
    public var minimumRequests: Int

    /// A judge with the given thresholds; the defaults fail a canary at +1 point or 2× with α 1%, β 5%.
    public init(
        minimumDifference: Double = 0.01, minimumRatio: Double = 2, alpha: Double = 0.01, beta: Double = 0.05,
        minimumRequests: Int = 10
    ) {
        self.minimumDifference = minimumDifference
        self.minimumRatio = minimumRatio
        self.alpha = alpha
        self.beta = beta
        self.minimumRequests = minimumRequests
    }

    /// The boundary at which the canary fails.
    public var failBoundary: Double { log((1 - beta) / alpha) }
    /// The boundary at which the canary passes, and below which the sum does not go.
    public var passBoundary: Double { log(beta / (1 - alpha)) }

    /// Judges the windows so far, oldest first.
    public func judge(_ windows: [TrafficSample]) -> JudgeResult {
        var llr = 0.0
        var canary = RequestStats.empty
        var baseline = RequestStats.empty
        var ratio = minimumRatio
        for window in windows {
            ratio = alternativeRatio(canary: canary, baseline: baseline)
            llr = max(passBoundary, llr + logLikelihoodRatio(window, ratio: ratio))
            canary = canary + RequestStats(requests: window.canary.requests, errors: window.canary.errors)
            baseline = baseline + RequestStats(requests: window.baseline.requests, errors: window.baseline.errors)
        }
        let counts = "canary \(Self.rate(canary)) vs baseline \(Self.rate(baseline))"
        guard canary.requests >= minimumRequests, baseline.requests >= minimumRequests else {
            return JudgeResult(
                .insufficientData, "\(counts): fewer than \(minimumRequests) requests on a side", statistic: llr)
        }
        let short = Self.short
        let hypothesis = "H1: canary ≥ \(short(ratio))× baseline"
        if llr >= failBoundary {
            return JudgeResult(
                .fail, "\(counts): log-likelihood ratio \(short(llr)) ≥ \(short(failBoundary)) (\(hypothesis))",
                statistic: llr)
        }
        if llr <= passBoundary {
            return JudgeResult(
                .pass, "\(counts): log-likelihood ratio \(short(llr)) ≤ \(short(passBoundary)) (\(hypothesis))",
                statistic: llr)
        }
        return JudgeResult(
            .undecided,
            "\(counts): log-likelihood ratio \(short(llr)) between \(short(passBoundary)) and \(short(failBoundary)) "
                + "(\(hypothesis))",
            statistic: llr)
    }

    /// The ratio the next window is tested against, from the windows before it only: the ratio seen so far, but
    /// at least the effect size (both rates with a Jeffreys prior, so empty counts give finite estimates).
    func alternativeRatio(canary: RequestStats, baseline: RequestStats) -> Double {
        let baselineRate = (Double(baseline.errors) + 0.5) / (Double(baseline.requests) + 1)
        let canaryRate = (Double(canary.errors) + 0.5) / (Double(canary.requests) + 1)
        let effect = max(minimumRatio, 1 + minimumDifference / baselineRate)
        return min(1000, max(effect, canaryRate / baselineRate))
    }

    /// The evidence of one window's error split for a canary `ratio` times worse against equal rates.
    func logLikelihoodRatio(_ window: TrafficSample, ratio: Double) -> Double {
        let canaryRequests = Double(window.canary.requests)
        let baselineRequests = Double(window.baseline.requests)
        guard canaryRequests > 0, baselineRequests > 0 else { return 0 }
        let q0 = canaryRequests / (canaryRequests + baselineRequests)
        let q1 = ratio * canaryRequests / (ratio * canaryRequests + baselineRequests)
        return Double(window.canary.errors) * log(q1 / q0) + Double(window.baseline.errors) * log((1 - q1) / (1 - q0))
    }

    /// `error-rate judge (+1pp or 2×, α 0.01, β 0.05)`.
    public var description: String {
        "error-rate judge (+\(Self.short(minimumDifference * 100))pp or \(Self.short(minimumRatio))×, α "
            + "\(Self.short(alpha)), β \(Self.short(beta)))"
    }

    static func rate(_ stats: RequestStats) -> String {
        let share = stats.requests == 0 ? 0 : Double(stats.errors) / Double(stats.requests)
        return "\(stats.errors)/\(stats.requests) errors (\(short(share * 100))%)"
    }

    /// Up to three decimals, no trailing zeros.
    static func short(_ number: Double) -> String {
        let rounded = (number * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
