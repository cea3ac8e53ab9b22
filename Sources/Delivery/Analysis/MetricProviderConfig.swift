/// Where an analysis template's measurements come from. The providers themselves live in `MetricProviders`;
/// this is only what a spec says about them.
public enum MetricProviderConfig: Sendable, Hashable, Codable {
    /// Gantry's proxy: per-role request counts, errors and latencies, measured over `interval` windows.
    case builtin(BuiltinMetric)
    /// A PromQL query (placeholders allowed); `address` nil means the server's configured Prometheus.
    case prometheus(address: String?, query: String)
    /// An HTTP GET whose JSON answer holds the value at `jsonPath` (the whole body when nil).
    case web(url: String, jsonPath: String?, headers: [String: String], timeout: Duration)
    /// A command whose standard output is the value; exit status non-zero is an error.
    case command(arguments: [String], timeout: Duration)

    /// The YAML keys of the providers.
    public static let kinds = ["builtin", "prometheus", "web", "command"]

    /// The provider's YAML key.
    public var kind: String {
        switch self {
        case .builtin: "builtin"
        case .prometheus: "prometheus"
        case .web: "web"
        case .command: "command"
        }
    }

    /// The query as a person reads it, for measurements and messages.
    public var query: String {
        switch self {
        case .builtin(let metric): "builtin \(metric.rawValue)"
        case .prometheus(_, let query): query
        case .web(let url, let jsonPath, _, _): jsonPath.map { "GET \(url) \($0)" } ?? "GET \(url)"
        case .command(let arguments, _): arguments.joined(separator: " ")
        }
    }
}

/// A metric Gantry's proxy measures per role.
public enum BuiltinMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// Failed requests (5xx, connection errors) divided by requests, 0 to 1.
    case errorRate = "error-rate"
    /// Median latency in milliseconds.
    case latencyP50 = "latency-p50"
    /// 95th percentile latency in milliseconds.
    case latencyP95 = "latency-p95"
    /// 99th percentile latency in milliseconds.
    case latencyP99 = "latency-p99"
    /// Requests per second.
    case requestRate = "request-rate"
}

/// A statistical comparison of the canary with its baseline, used instead of (or with) conditions.
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
