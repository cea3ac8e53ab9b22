import Foundation
import MetricProviders
import Testing

/// A proxy that answers from a table, recording what it was asked.
final class FakeProxyMetrics: ProxyMetricsSource {
    let windows: [String: WindowStats]
    let asked = Locked<[(version: String, seconds: Int)]>([])

    init(_ windows: [String: WindowStats]) {
        self.windows = windows
    }

    func window(version: String, seconds: Int) -> WindowStats? {
        asked.mutate { $0.append((version, seconds)) }
        return windows[version]
    }
}

/// The builtin provider over a fake proxy: pure arithmetic and the no-traffic rules.
@Suite("Builtin provider")
struct BuiltinProviderTests {
    static let proxy = FakeProxyMetrics([
        "canary": WindowStats(
            requests: 200,
            errors: 7,
            latencyQuantiles: [0.5: 0.012, 0.99: 0.4],
            latencySamples: (1...100).map { Double($0) / 1000 }
        ),
        "idle": WindowStats(requests: 0, errors: 0),
        "unsampled": WindowStats(requests: 5, errors: 0),
    ])

    @Test(
        "builtin queries over a version's window",
        arguments: [
            ("error-rate", "canary", ExpectedResult.value(0.035)),
            ("request-count", "canary", .value(200)),
            ("latency-p50", "canary", .value(0.012)),
            ("latency-p99", "canary", .value(0.4)),
            ("latency-p90", "canary", .value(0.090)),
            ("latency-p99.9", "canary", .value(0.100)),
            ("error-rate", "idle", .noData(#"no requests to version "idle" in the last 10s"#)),
            ("latency-p99", "idle", .noData("no requests")),
            ("request-count", "idle", .value(0)),
            ("latency-p50", "unsampled", .noData(#"no latencies for version "unsampled""#)),
            ("error-rate", "ghost", .noData(#"the proxy knows no version "ghost""#)),
            ("success-rate", "canary", .error(#"unknown builtin query "success-rate"; expected one of error-rate"#)),
            ("latency-p100", "canary", .error("unknown builtin query")),
        ]
    )
    func query(_ name: String, _ version: String, _ expected: ExpectedResult) async {
        let result = await BuiltinProvider(source: Self.proxy).measure(.builtin(name, version: version), at: Date())
        expect(result, expected)
    }

    @Test("the window is asked in whole seconds, rounded up, and recorded in the query")
    func window() async {
        let proxy = FakeProxyMetrics(["canary": WindowStats(requests: 4, errors: 1)])
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let result = await BuiltinProvider(source: proxy).measure(
            .builtin("error-rate", version: "canary", window: .milliseconds(2500)),
            at: at
        )
        #expect(result.value == 0.25)
        #expect(result.query == #"error-rate{version="canary"}[3s]"#)
        #expect(result.raw == "requests=4 errors=1 samples=0")
        #expect(result.at == at)
        #expect(proxy.asked.value.map(\.seconds) == [3])
    }

    @Test("without a proxy every query is an error")
    func noProxy() async {
        let result = await BuiltinProvider(source: nil).measure(.builtin("error-rate", version: "canary"), at: Date())
        expect(result, .error("no proxy runs here"))
    }

    @Test(
        "quantiles fall back to the nearest rank of the samples",
        arguments: [(0.5, 0.5), (0.9, 0.9), (0.99, 1.0), (0.01, 0.1)]
    )
    func nearestRank(_ quantile: Double, _ expected: Double) {
        let stats = WindowStats(requests: 10, errors: 0, latencySamples: (1...10).reversed().map { Double($0) / 10 })
        #expect(stats.latency(at: quantile) == expected)
    }
}
