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
