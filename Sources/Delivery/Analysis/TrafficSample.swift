/// Requests seen by one role in one window.
public struct RequestStats: Sendable, Hashable, Codable {
    /// Requests that completed.
    public var requests: Int
    /// Requests that failed (5xx or connection errors).
    public var errors: Int
    /// Per-request latencies in milliseconds (possibly a uniform subsample).
    public var latencies: [Double]

    /// Stats with the given counts.
    public init(requests: Int, errors: Int, latencies: [Double] = []) {
        self.requests = requests
        self.errors = errors
        self.latencies = latencies
    }

    /// Nothing seen.
    public static let empty = RequestStats(requests: 0, errors: 0)

    /// The sum of two windows.
    public static func + (lhs: RequestStats, rhs: RequestStats) -> RequestStats {
        RequestStats(
            requests: lhs.requests + rhs.requests, errors: lhs.errors + rhs.errors,
            latencies: lhs.latencies + rhs.latencies)
    }
}

/// One window of traffic for the role under analysis and the role it is compared with (the baseline, or the
/// stable version when there is no baseline).
public struct TrafficSample: Sendable, Hashable, Codable {
    /// The role under analysis, usually the canary.
    public var canary: RequestStats
    /// The comparison role.
    public var baseline: RequestStats

    /// A window with the given stats.
    public init(canary: RequestStats, baseline: RequestStats) {
        self.canary = canary
        self.baseline = baseline
    }
}
