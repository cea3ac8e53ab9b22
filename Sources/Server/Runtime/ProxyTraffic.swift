import Delivery
import Foundation
import MetricProviders
import Proxy

/// Gantry's proxy seen as the rollout controller needs it: a `TrafficRouter` for weights by role, a
/// `TrafficSource` for per-role figures, and a `ProxyMetricsSource` for the builtin metric provider.
///
/// Each `ReplicaRole` is a backend group of the proxy named after the role (`stable`, `canary`, `baseline`,
/// `previous`); the proxy itself knows nothing of rollouts. A `preview` proxy, when the spec has one, holds the
/// same groups but sends every request to `canary`; its requests count in the figures too, so smoke tests against
/// the preview feed pre-promotion analysis.
final class ProxyTraffic: TrafficRouter, TrafficSource, ProxyMetricsSource {
    let proxy: TrafficProxy
    let preview: TrafficProxy?

    init(proxy: TrafficProxy, preview: TrafficProxy? = nil) {
        self.proxy = proxy
        self.preview = preview
    }

    /// The proxy for a preview address: the role groups, with all traffic on `canary`.
    static func previewProxy(listen: Endpoint) throws -> TrafficProxy {
        try TrafficProxy(configuration: ProxyConfiguration(
            listen: listen, backends: groups(), weights: [ReplicaRole.canary.rawValue: 1000]))
    }

    static func groups() -> [BackendGroup] {
        ReplicaRole.allCases.map { BackendGroup(name: $0.rawValue, addresses: []) }
    }

    /// Weights by role: the proxy has one backend group per role, which the controller keeps filled with the
    /// endpoints of the replica group currently holding that role.
    func setWeights(_ routes: [TrafficRoute]) async throws {
        var permille: [String: Int] = [:]
        for role in ReplicaRole.allCases { permille[role.rawValue] = 0 }
        for route in routes { permille[route.role.rawValue, default: 0] += route.permille }
        try proxy.setWeights(permille)
    }

    func publish(_ role: ReplicaRole, _ endpoints: [ReplicaEndpoint]) throws {
        let addresses = endpoints.map { Endpoint(host: $0.host, port: $0.port) }
        try proxy.setBackends(group: role.rawValue, addresses: addresses)
        try preview?.setBackends(group: role.rawValue, addresses: addresses)
    }

    func stats(role: ReplicaRole, seconds: Int) async -> RequestStats? {
        statistics(version: role.rawValue, seconds: seconds)
    }

    func window(version: String, seconds: Int) -> WindowStats? {
        guard let stats = statistics(version: version, seconds: seconds) else { return nil }
        let sorted = stats.latencies.sorted()
        func quantile(_ q: Double) -> Double? { sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] / 1000 }
        var quantiles: [Double: Double] = [:]
        for q in [0.5, 0.9, 0.95, 0.99] { quantiles[q] = quantile(q) }
        return WindowStats(
            requests: stats.requests, errors: stats.errors, latencyQuantiles: quantiles,
            latencySamples: sorted.map { $0 / 1000 })
    }

    /// Requests, errors (5xx, failed connections, timeouts) and latencies in milliseconds over the last `seconds`
    /// complete seconds; nil when the version has neither traffic nor weight.
    func statistics(version: String, seconds: Int) -> RequestStats? {
        var requests = 0
        var errors = 0
        var latencies: [Double] = []
        var known = false
        for proxy in [proxy] + (preview.map { [$0] } ?? []) {
            let snapshot = proxy.metrics()
            guard let metrics = snapshot[version] else { continue }
            let currentSecond = snapshot.time.timeIntervalSince1970.rounded(.down)
            let from = currentSecond - Double(seconds)
            var proxyRequests = 0
            for second in metrics.seconds
            where second.start.timeIntervalSince1970 >= from && second.start.timeIntervalSince1970 < currentSecond {
                let counts = second.counts
                proxyRequests += counts.informational + counts.success + counts.redirection + counts.clientError
                    + counts.serverError + counts.connectionError + counts.timeout
                errors += counts.serverError + counts.connectionError + counts.timeout
            }
            requests += proxyRequests
            if proxyRequests == 0 && metrics.weightPermille == 0 { continue }
            known = true
            latencies += proxy.latencies(version: version, since: Date(timeIntervalSince1970: from))
                .samples(limit: 5000).map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
        }
        return known ? RequestStats(requests: requests, errors: errors, latencies: latencies) : nil
    }
}
