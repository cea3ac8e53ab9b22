/// The proxy's per-version traffic, as the builtin provider reads it.
///
/// The controller implements it by adapting the Proxy module (which MetricProviders does not import); tests use
/// a fake. Contract: `window` is cheap, does not block on I/O, is safe to call from any task concurrently, and
/// answers about the last `seconds` whole seconds ending now (1-second resolution).
public protocol ProxyMetricsSource: Sendable {
    /// The traffic to `version` over the last `seconds` seconds, or nil if the proxy knows no such version.
    func window(version: String, seconds: Int) -> WindowStats?
}

/// What the proxy saw of one version over a window.
public struct WindowStats: Sendable, Hashable {
    /// Requests completed (answered or failed) in the window.
    public var requests: Int
    /// Of those, the failed ones: 5xx answers plus connection errors and timeouts towards the backend.
    public var errors: Int
    /// Latency quantiles the proxy computed, in seconds, keyed by quantile (`0.5`, `0.9`, `0.99`).
    public var latencyQuantiles: [Double: Double]
    /// Raw latencies in seconds, used for quantiles the proxy did not compute (may be a sample, may be empty).
    public var latencySamples: [Double]

    /// A window's numbers.
    public init(
        requests: Int,
        errors: Int,
        latencyQuantiles: [Double: Double] = [:],
        latencySamples: [Double] = []
    ) {
        self.requests = requests
        self.errors = errors
        self.latencyQuantiles = latencyQuantiles
        self.latencySamples = latencySamples
    }

    /// The latency at `quantile` in seconds: the proxy's own figure if it has one, else the nearest-rank
    /// quantile of the samples, else nil.
    public func latency(at quantile: Double) -> Double? {
        if let computed = latencyQuantiles.first(where: { abs($0.key - quantile) < 1e-9 })?.value {
            return computed
        }
        guard !latencySamples.isEmpty else { return nil }
        let sorted = latencySamples.sorted()
        let rank = Int((quantile * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
