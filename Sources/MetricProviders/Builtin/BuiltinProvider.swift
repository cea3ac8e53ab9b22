import Foundation

/// Measures the proxy's own per-version metrics: error rate, request count, latency quantiles.
///
/// It reads a `ProxyMetricsSource`, so it needs no Prometheus and has 1-second resolution. A window without
/// requests is no data for the error rate and the latencies — never "0 % errors" — while `request-count`
/// reports the 0 it counted. The window always ends when `measure` runs; `at` is only recorded.
public struct BuiltinProvider: MetricProvider {
    /// The provider's YAML key.
    public static let id = "builtin"

    private let source: (any ProxyMetricsSource)?

    /// A provider reading `source`; with nil, every query is an error saying no proxy runs.
    public init(source: (any ProxyMetricsSource)?) {
        self.source = source
    }

    /// Answers `error-rate`, `request-count` or `latency-pNN` for the query's version and window.
    public func measure(_ query: MetricQuery, at date: Date) async -> MetricResult {
        guard case .builtin(let options) = query.options else { return mismatch(query, at: date) }
        let seconds = options.windowSeconds
        let rendered = "\(query.text){version=\"\(options.version)\"}[\(seconds)s]"
        guard let name = BuiltinQuery(name: query.text) else {
            let known = BuiltinQuery.documentedNames.joined(separator: ", ")
            return .error(
                "unknown builtin query \"\(query.text)\"; expected one of \(known)", query: rendered, at: date)
        }
        guard let source else {
            return .error("the builtin provider has no proxy to read: no proxy runs here", query: rendered, at: date)
        }
        guard let stats = source.window(version: options.version, seconds: seconds) else {
            return .noData("the proxy knows no version \"\(options.version)\"", query: rendered, at: date)
        }
        let raw = Self.raw(stats)
        let noRequests = "no requests to version \"\(options.version)\" in the last \(seconds)s"
        switch name {
        case .requestCount:
            return .value(Double(stats.requests), query: rendered, raw: raw, at: date)
        case .errorRate:
            guard stats.requests > 0 else { return .noData(noRequests, query: rendered, raw: raw, at: date) }
            return .value(Double(stats.errors) / Double(stats.requests), query: rendered, raw: raw, at: date)
        case .latency(let quantile):
            guard stats.requests > 0 else { return .noData(noRequests, query: rendered, raw: raw, at: date) }
            guard let latency = stats.latency(at: quantile) else {
                return .noData(
                    "the proxy has no latencies for version \"\(options.version)\"", query: rendered, raw: raw, at: date
                )
            }
            return .value(latency, query: rendered, raw: raw, at: date)
        }
    }

    /// The window's figures in one line, for replay: `requests=120 errors=3 p50=0.012 p99=0.2 samples=120`.
    static func raw(_ stats: WindowStats) -> String {
        var parts = ["requests=\(stats.requests)", "errors=\(stats.errors)"]
        for (quantile, seconds) in stats.latencyQuantiles.sorted(by: { $0.key < $1.key }) {
            parts.append("\(BuiltinQuery.latency(quantile).description.dropFirst("latency-".count))=\(seconds)")
        }
        parts.append("samples=\(stats.latencySamples.count)")
        return parts.joined(separator: " ")
    }
}
