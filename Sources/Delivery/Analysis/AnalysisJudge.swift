/// A statistical comparison of the canary with its baseline, used instead of conditions.
public enum AnalysisJudge: Sendable, Hashable, Codable {
    /// A sequential test on error counts.
    case errorRate(ErrorRateJudge)
    /// Mann-Whitney U on per-request latencies.
    case latency(LatencyJudge)

    /// The YAML keys of the judges.
    public static let kinds = ["errorRate", "latency"]

    /// Judges the windows of traffic so far, oldest first.
    public func judge(_ windows: [TrafficSample]) -> JudgeResult {
        switch self {
        case .errorRate(let judge):
            return judge.judge(windows)
        case .latency(let judge):
            // The most recent samples, so a long analysis stays cheap and sensitive to a late regression.
            let limit = LatencyJudge.maximumSamples
            return judge.judge(
                canary: Array(windows.flatMap(\.canary.latencies).suffix(limit)),
                baseline: Array(windows.flatMap(\.baseline.latencies).suffix(limit)))
        }
    }

    /// A short description with the parameters, stored as a measurement's condition.
    public var description: String {
        switch self {
        case .errorRate(let judge): judge.description
        case .latency(let judge): judge.description
        }
    }
}

/// What a judge concluded from the data so far, with the numbers that back it.
public struct JudgeResult: Sendable, Hashable, Codable {
    /// The judge's decision.
    public enum Decision: String, Sendable, Hashable, Codable {
        /// The canary is not worse by the effect size, with the configured confidence.
        case pass
        /// The canary is worse by at least the effect size, with the configured confidence.
        case fail
        /// Not enough evidence either way yet.
        case undecided
        /// Too few samples to test at all.
        case insufficientData
    }

    /// The decision.
    public var decision: Decision
    /// The evidence, such as `canary 20/20 errors (100%) vs baseline 0/20 (0%): LLR 13.9 ≥ 4.55`.
    public var message: String
    /// The test statistic (log-likelihood ratio, or z).
    public var statistic: Double

    /// A result with the given decision.
    public init(_ decision: Decision, _ message: String, statistic: Double = 0) {
        self.decision = decision
        self.message = message
        self.statistic = statistic
    }
}
