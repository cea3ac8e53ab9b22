import Foundation

extension TrafficProxy {
    /// Per-version totals since start and one bucket per second for the last
    /// ``ProxyConfiguration/metricsWindowSeconds`` seconds (fewer right after start). Cheap enough to call every
    /// second; safe to call concurrently with traffic.
    public func metrics() -> MetricsSnapshot {
        let now = Date()
        let nowSecond = Int64(now.timeIntervalSince1970.rounded(.down))
        let table = routing.current
        let totals = recorder.totals()
        let versions = table.groups.indices.map { group in
            let seconds = recorder.seconds(group: group, from: startSecond, through: nowSecond).map { second in
                SecondMetrics(
                    start: Date(timeIntervalSince1970: TimeInterval(second.second)),
                    counts: second.counts,
                    latency: second.latency?.summary
                        ?? LatencySummary(count: 0, p50: .zero, p90: .zero, p99: .zero, max: .zero)
                )
            }
            return VersionMetrics(
                version: table.groups[group],
                weightPermille: table.plan.permille[group],
                readyReplicas: table.replicas[group].count,
                total: totals[group].total,
                seconds: seconds
            )
        }
        return MetricsSnapshot(time: now, versions: versions)
    }

    /// The latency distribution of one version's requests that finished in the seconds from `since` (rounded down
    /// to its second) until now, limited to the metrics window; empty for an unknown version. For percentiles over
    /// an arbitrary period and for statistical tests between versions (``LatencyDistribution/samples(limit:)``).
    public func latencies(version: String, since: Date) -> LatencyDistribution {
        var merged = LatencyDistribution()
        guard let group = routing.current.groups.firstIndex(of: version) else { return merged }
        let first = Int64(since.timeIntervalSince1970.rounded(.down))
        let now = UnixTime.nowSeconds()
        for second in recorder.seconds(group: group, from: max(first, startSecond), through: now) {
            if let latency = second.latency { merged.add(latency) }
        }
        return merged
    }

    /// The metrics in the Prometheus text exposition format (0.0.4), as served at `/metrics` on the admin endpoint:
    /// `gantry_proxy_requests_total{version,code_class}` (counter), `gantry_proxy_request_duration_seconds{version}`
    /// (histogram), `gantry_proxy_weight_permille{version}` and `gantry_proxy_ready_replicas{version}` (gauges).
    public func prometheusText() -> String {
        let table = routing.current
        let totals = recorder.totals()
        return PrometheusText.render(
            table.groups.indices.map { group in
                PrometheusText.Version(
                    name: table.groups[group],
                    weightPermille: table.plan.permille[group],
                    readyReplicas: table.replicas[group].count,
                    series: totals[group]
                )
            }
        )
    }
}
