import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension DeliveryScenarios {
    /// Canary analysis by the `prometheus` provider, over the proxy's own metrics as a real Prometheus scraped them
    /// from the proxy's admin endpoint.
    @Suite("Prometheus analysis through the proxy")
    struct PrometheusAnalysisEndToEndTests {
        /// The canary's share of 5xx answers over the last 10 s, from the proxy's per-role request counters.
        static let errorRate =
            #"sum(rate(gantry_proxy_requests_total{version="canary",code_class="5xx"}[10s])) / "#
            + #"sum(rate(gantry_proxy_requests_total{version="canary"}[10s]))"#

        static func rollout(prometheus: String) -> String {
            """
            strategy:
              canary:
                steps:
                  - setWeight: 50
                  - analysis: {templates: [proxy-errors]}
                  - setWeight: 100
            analysis:
              proxy-errors:
                provider:
                  prometheus:
                    address: \(prometheus)
                    query: '\(errorRate)'
                interval: 1s
                count: 4
                minSamples: 3
                failureCondition: result > 0.02
            """
        }

        @Test(
            "a PromQL error-rate query over the proxy's metrics passes a good canary and rolls back a bad one",
            .timeLimit(.minutes(2)))
        func errorRateQuery() async throws {
            let adminPort = try DeliveryWorld.freePort()
            let prometheusPort = try DeliveryWorld.freePort()
            let world = try DeliveryWorld(
                adminPort: adminPort, rollout: Self.rollout(prometheus: "http://127.0.0.1:\(prometheusPort)"))
            defer { world.stop() }
            let prometheus = try LocalPrometheus(port: prometheusPort, scraping: ["127.0.0.1:\(adminPort)"])
            defer { prometheus.stop() }
            try world.startServe()
            try prometheus.waitUntilScraping(targets: 1)
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }

            let load = try world.startLoad(seconds: 40, rps: 150)
            defer { load.cancel() }
            try await Task.sleep(for: .seconds(1))
            #expect(try world.deploy("good2").status == 0)
            try await world.waitFor(timeout: 45) {
                try world.status()["version"] as? String == "good2" && world.phase() == "succeeded"
            }

            #expect(try world.deploy("bad").status == 0)
            try await world.waitUntilFinished("bad", timeout: 45)
            let status = try world.status()
            #expect(status["phase"] as? String == "failed", "\(status)")
            #expect((status["message"] as? String ?? "").contains("analysis \"proxy-errors\" failed"), "\(status)")
            #expect((status["weights"] as? [String: Int]) == ["stable": 1000], "\(status)")
            let served = try world.versionsServed(20)
            #expect(served == ["good2": 20], "\(served)")
            // The proxy itself routes everything to stable again, as its own metrics say.
            let metrics = try Sandbox.execute(
                ["/usr/bin/env", "curl", "-s", "--max-time", "5", "http://127.0.0.1:\(adminPort)/metrics"],
                in: world.sandbox.root
            ).stdout
            #expect(metrics.contains(#"gantry_proxy_weight_permille{version="stable"} 1000"#), "\(metrics)")
            #expect(metrics.contains(#"gantry_proxy_weight_permille{version="canary"} 0"#), "\(metrics)")

            try checkEvidence(in: world.history())
            let pid = prometheus.process.processIdentifier
            prometheus.stop()
            #expect(kill(pid, 0) != 0, "prometheus (pid \(pid)) still runs after stop")
        }

        /// The stored measurements name the provider and the PromQL query; the good canary passed on them and the
        /// bad one failed on a value Prometheus computed from the proxy's counters.
        private func checkEvidence(in history: [[String: Any]]) throws {
            func entry(_ version: String) -> [String: Any]? {
                history.first { ($0["deployment"] as? [String: Any])?["version"] as? String == version }
            }
            let bad = try #require(entry("bad"), "no deployment of bad in history: \(history)")
            let deployment = bad["deployment"] as? [String: Any] ?? [:]
            #expect(["failed", "rolled_back"].contains(deployment["outcome"] as? String ?? ""), "\(deployment)")
            #expect((deployment["reason"] as? String ?? "").contains("proxy-errors"), "\(deployment)")
            let measurements = bad["measurements"] as? [[String: Any]] ?? []
            let failed = measurements.filter { $0["verdict"] as? String == "failed" }
            #expect(!failed.isEmpty, "no failed measurement of bad: \(measurements)")
            for measurement in failed {
                #expect(measurement["provider"] as? String == "prometheus", "\(measurement)")
                #expect(measurement["query"] as? String == Self.errorRate, "\(measurement)")
                #expect((measurement["value"] as? Double ?? 0) > 0.02, "\(measurement)")
                #expect((measurement["raw"] as? String ?? "").contains(#""resultType":"vector""#), "\(measurement)")
            }

            let good = try #require(entry("good2"), "no deployment of good2 in history: \(history)")
            #expect((good["deployment"] as? [String: Any])?["outcome"] as? String == "success", "\(good)")
            let passed = (good["measurements"] as? [[String: Any]] ?? []).filter {
                $0["provider"] as? String == "prometheus" && $0["verdict"] as? String == "successful"
            }
            #expect(passed.count >= 3, "good2 passed on fewer than minSamples Prometheus measurements: \(good)")
            #expect(passed.allSatisfy { ($0["value"] as? Double) == 0 }, "\(passed)")
        }
    }
}
