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
            try await world.waitFor(timeout: 40) {
                try world.status()["version"] as? String == "good2"
                    && DeliveryWorld.finishedPhases.contains(world.phase())
            }
            let promoted = try world.status()
            #expect(promoted["phase"] as? String == "succeeded", "\(promoted)")

            #expect(try world.deploy("slow").status == 0)
            try await world.waitFor(timeout: 30) {
                try world.status()["version"] as? String == "slow"
                    && DeliveryWorld.finishedPhases.contains(world.phase())
            }
            let status = try world.status()
            #expect(status["phase"] as? String == "failed", "\(status)")
            #expect((status["message"] as? String ?? "").contains("latency"), "\(status)")
            #expect((status["weights"] as? [String: Int]) == ["stable": 1000], "\(status)")
            #expect(try world.versionsServed(10) == ["good2": 10])
        }
    }
}
