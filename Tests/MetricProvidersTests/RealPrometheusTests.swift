import Foundation
import MetricProviders
import Testing

/// Counters shaped like the proxy's, served as an exposition page and advanced by the test.
struct ServedCounters: Sendable {
    var canaryOK = 0
    var canaryFailed = 0
    var stableOK = 0

    /// One tick of traffic: canary fails 1 request in 4; stable never fails.
    mutating func tick() {
        canaryOK += 3
        canaryFailed += 1
        stableOK += 4
    }

    /// The page, as the proxy's admin endpoint writes it.
    var page: String {
        """
        # HELP gantry_proxy_requests_total Requests by version and status class.
        # TYPE gantry_proxy_requests_total counter
        gantry_proxy_requests_total{version="canary",code_class="2xx"} \(canaryOK)
        gantry_proxy_requests_total{version="canary",code_class="5xx"} \(canaryFailed)
        gantry_proxy_requests_total{version="stable",code_class="2xx"} \(stableOK)

        """
    }
}

/// Analysis queries against a real Prometheus scraping a real endpoint on 127.0.0.1.
@Suite("Real Prometheus", .serialized)
struct RealPrometheusTests {
    static let errorRate = """
        sum(rate(gantry_proxy_requests_total{version="canary",code_class="5xx"}[10s])) \
        / sum(rate(gantry_proxy_requests_total{version="canary"}[10s]))
        """

    @Test(
        "a PromQL error-rate query returns the error fraction the endpoint served",
        .enabled("needs `prometheus` on PATH; it is missing and `apt-get install -y prometheus` failed") {
            await PrometheusServer.isAvailable()
        },
        .timeLimit(.minutes(2))
    )
    func errorRate() async throws {
        let counters = Locked(ServedCounters())
        let serveMetrics: @Sendable (RecordedRequest) -> TestResponse = { request in
            request.path == "/metrics"
                ? TestResponse(body: counters.value.page, contentType: "text/plain; version=0.0.4")
                : TestResponse(status: 404, body: "not found")
        }
        try await TestHTTPServer.with(serveMetrics) { endpoint in
            // The page the endpoint serves must itself be valid exposition format.
            #expect(try PrometheusText(parsing: counters.value.page).sum("gantry_proxy_requests_total") == 0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        counters.mutate { $0.tick() }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                defer { group.cancelAll() }
                var prometheusPID: Int32 = 0
                try await PrometheusServer.with(scraping: ["127.0.0.1:\(endpoint.port)"]) { prometheus in
                    prometheusPID = prometheus.processIdentifier
                    try await checkQueries(prometheus)
                }
                #expect(kill(prometheusPID, 0) != 0, "prometheus (pid \(prometheusPID)) is still running")
            }
        }
    }

    private func checkQueries(_ prometheus: PrometheusServer) async throws {
        // rate() needs two scrapes of the counters inside the window.
        let result = try await prometheus.poll(Self.errorRate) { $0.value != nil }
        let value = try #require(result.value, "\(result)")
        #expect(abs(value - 0.25) < 0.02, "error rate \(value), served 0.25")
        #expect(result.query == Self.errorRate)
        #expect(result.raw.contains(#""resultType":"vector""#))

        let stable = await prometheus.query(
            #"sum(rate(gantry_proxy_requests_total{version="stable",code_class="5xx"}[10s]))"#
        )
        expect(stable, .noData("no series"))

        let perSeries = await prometheus.query(#"rate(gantry_proxy_requests_total{version="canary"}[10s])"#)
        expect(perSeries, .error("query returned 2 series"))
        expect(perSeries, .error("aggregate it, e.g. sum(...)"))

        let range = await prometheus.query(
            Self.errorRate, range: PrometheusRange(duration: .seconds(4), step: .seconds(1)))
        let ranged = try #require(range.value, "\(range)")
        #expect(abs(ranged - 0.25) < 0.02)
        #expect(range.raw.contains(#""resultType":"matrix""#))

        let broken = await prometheus.query("sum(rate(")
        expect(broken, .error("Prometheus bad_data: "))
    }
}
