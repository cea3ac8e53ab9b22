import Foundation
import Proxy
import Testing

@Suite("per-version, per-second metrics")
struct MetricsTests {
    @Test("per-second buckets add up to the totals, and latencies since a time cover those requests")
    func secondsAndLatencies() async throws {
        try await ProxyHarness.run(weights: ["canary": 500], options: .init(metricsWindowSeconds: 60)) { harness in
            let before = Date()
            _ = try await harness.load(400, connections: 4)
            let snapshot = harness.proxy.metrics()
            for version in snapshot.versions {
                let summed = version.seconds.reduce(StatusCounts()) { $0 + $1.counts }
                #expect(summed == version.total, "\(version.version)")
                #expect(version.total.success == 200)
                #expect(version.counts(since: before).success == 200)
                #expect(version.seconds.count <= 60)
                let last = try #require(version.seconds.last)
                #expect(abs(last.start.timeIntervalSince(snapshot.time)) < 1.01)
                let busiest = try #require(version.seconds.max { $0.counts.requests < $1.counts.requests })
                #expect(busiest.latency.count == busiest.counts.requests)
                #expect(busiest.latency.p50 <= busiest.latency.p99 && busiest.latency.p99 <= busiest.latency.max)

                let latencies = harness.proxy.latencies(version: version.version, since: before)
                #expect(latencies.count == 200)
                #expect(latencies.percentile(50) > .zero)
                #expect(latencies.percentile(50) <= latencies.percentile(99))
                #expect(latencies.max < .seconds(20))
                #expect(latencies.samples().count == 200)
                #expect(latencies.samples(limit: 50).count == 50)
                #expect(latencies.buckets.reduce(0) { $0 + $1.count } == 200)
            }
            #expect(harness.proxy.latencies(version: "nightly", since: before).count == 0)
        }
    }

    @Test("slower replies show up as higher latency percentiles")
    func latencyReflectsReplica() async throws {
        try await ProxyHarness.run(
            weights: ["canary": 1000], options: .init(responseTimeout: .seconds(10))
        ) { harness in
            let before = Date()
            let client = try await harness.client()
            async let slow = client.request(.GET, "/slow")
            var arrivals = harness.backend("canary").arrivals.makeAsyncIterator()
            _ = await arrivals.next()
            // The delay is what is measured here, not a way to wait for something.
            try await Task.sleep(for: .milliseconds(50))
            harness.backend("canary").release()
            #expect(try await slow.status == 200)
            let latencies = harness.proxy.latencies(version: "canary", since: before)
            #expect(latencies.count == 1)
            #expect(latencies.max >= .milliseconds(49))
            await client.close()
        }
    }
}
