import Foundation
import Testing

extension DeliveryScenarios {
    /// The statistical latency judge on real traffic: the canary's per-request latencies against its baseline's.
    @Suite("latency judge through the proxy")
    struct LatencyJudgeEndToEndTests {
        static let canaryWithLatencyJudge = """
            strategy:
              canary:
                baseline: true
                abortScaleDownDelay: 1s
                backgroundAnalysis:
                  templates: [latency]
                  startingStep: 0
                steps:
                  - setWeight: 20
                  - pause: {duration: 8s}
                  - setWeight: 100
            analysis:
              latency:
                provider:
                  builtin: {metric: latency-p95}
                interval: 1s
                # Requests in one window are not independent (a replica that stalls slows all of its requests),
                # so one significant window is weaker evidence than its p-value says: a regression must show in
                # more than three of them.
                failureLimit: 3
                judge:
                  latency: {alpha: 0.01, minimumSamples: 30, minimumProbabilityOfSuperiority: 0.6, minimumMedianRatio: 1.2}
            """

        @Test(
            "a release 20 ms slower than its baseline is rolled back by the latency judge; a good one is promoted",
            .timeLimit(.minutes(2)))
        func slowReleaseRolledBack() async throws {
            let world = try DeliveryWorld(rollout: Self.canaryWithLatencyJudge)
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }

            let load = try world.startLoad(seconds: 30, rps: 150, json: true)
            defer { load.cancel() }
            // The same code as stable: the judge must not see a difference that is not there.
            #expect(try world.deploy("good2").status == 0)
            try await world.waitUntilFinished("good2", timeout: 40)
            let promoted = try world.status()
            let evidence = (try world.serviceStatus()["measurements"] as? [[String: Any]] ?? []).compactMap {
                $0["message"] as? String
            }
            #expect(promoted["phase"] as? String == "succeeded", "\(promoted)\n\(evidence.joined(separator: "\n"))")

            #expect(try world.deploy("slow").status == 0)
            try await world.waitUntilFinished("slow", timeout: 30)
            let status = try world.status()
            #expect(status["phase"] as? String == "failed", "\(status)")
            #expect((status["message"] as? String ?? "").contains("latency"), "\(status)")
            #expect((status["weights"] as? [String: Int]) == ["stable": 1000], "\(status)")
            #expect(try world.versionsServed(10) == ["good2": 10])
        }
    }
}
