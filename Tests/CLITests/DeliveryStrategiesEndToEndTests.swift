import Foundation
import Testing

extension DeliveryScenarios {
    /// Rolling and blue-green rollouts of the example service under load.
    @Suite("rolling and blue-green strategies")
    struct DeliveryStrategiesEndToEndTests {
        /// A per-batch (or post-promotion) gate: any 5xx above 2% of the new version's requests in a second fails it.
        static let errorGate = """
            analysis:
              errors:
                provider:
                  builtin: {metric: error-rate}
                interval: 1s
                count: 3
                minSamples: 2
                failureCondition: result > 0.02
            """

        static let rolling = """
            strategy:
              rolling:
                maxSurge: 1
                maxUnavailable: 0
                analysis: [errors]
                abortScaleDownDelay: 1s
            \(errorGate)
            """

        static func blueGreen(autoPromote: Bool, postPromotionAnalysis: Bool = true) -> String {
            let analysis = postPromotionAnalysis ? "    postPromotionAnalysis: [errors]" : ""
            return """
                strategy:
                  blueGreen:
                    autoPromote: \(autoPromote)
                \(analysis)
                    scaleDownDelay: 10m
                    abortScaleDownDelay: 1s
                \(errorGate)
                """
        }

        @Test(
            "a rolling update of 3 replicas replaces them batch by batch under load with no failed request",
            .timeLimit(.minutes(2)))
        func rollingGood() async throws {
            let adminPort = try DeliveryWorld.freePort()
            let world = try DeliveryWorld(replicas: 3, adminPort: adminPort, rollout: Self.rolling)
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }
            #expect(world.replicaProcesses().filter { $0.version == "good" }.count == 3)

            // 800 requests per second: a replica stopped while the proxy still routes to it then fails a request in
            // most runs (at 200 per second, about one run in five).
            let load = try world.startLoad(seconds: 25, rps: 800, json: true)
            defer { load.cancel() }
            try await Task.sleep(for: .seconds(1))
            let apply = try world.deploy("good2")
            #expect(apply.status == 0, "\(apply.stderr)")
            var canaryWeights: Set<Int> = []
            try await world.waitFor(timeout: 60) {
                let status = try world.status()
                if let canary = (status["weights"] as? [String: Int])?["canary"] { canaryWeights.insert(canary) }
                return status["version"] as? String == "good2" && status["phase"] as? String == "succeeded"
            }
            // Batch by batch: a third, then two thirds of the traffic on the new replicas before all of it.
            #expect(canaryWeights.contains(333) && canaryWeights.contains(666), "weights seen: \(canaryWeights)")
            let outcome = try load.outcome()
            let proxyFailures = try world.proxyFailures(adminPort: adminPort)
            #expect(outcome.requests > 5000, "\(outcome.text)")
            #expect(
                outcome.failed == 0,
                """
                failed requests during a rolling update of a good version: \(outcome.text)
                the proxy's failures by role: \(proxyFailures)
                """)

            let served = try world.versionsServed(20)
            #expect(served == ["good2": 20], "\(served)")
            let status = try world.status()
            #expect((status["weights"] as? [String: Int]) == ["stable": 1000], "\(status)")
            #expect((status["replicas"] as? [String: Int])?["stable"] == 3, "\(status)")
            // The old replicas are stopped once drained; three of the new version remain.
            try await world.waitFor(timeout: 15) {
                world.replicaProcesses().map(\.version).sorted() == ["good2", "good2", "good2"]
            }
        }

        @Test(
            "a rolling update of a release failing 10% of requests is stopped by its batch gate and rolled back",
            .timeLimit(.minutes(2)))
        func rollingBad() async throws {
            let world = try DeliveryWorld(replicas: 3, rollout: Self.rolling)
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }

            let load = try world.startLoad(seconds: 12, json: true)
            defer { load.cancel() }
            try await Task.sleep(for: .seconds(1))
            #expect(try world.deploy("bad").status == 0)
            try await world.waitUntilFinished("bad", timeout: 45)
            let status = try world.status()
            #expect(status["phase"] as? String == "failed", "\(status)")
            #expect(status["stableVersion"] as? String == "good", "\(status)")
            #expect((status["message"] as? String ?? "").contains("analysis \"errors\" failed"), "\(status)")
            #expect((status["weights"] as? [String: Int]) == ["stable": 1000], "\(status)")
            // It stopped at the first batch: the bad version never had more than one replica.
            #expect((status["step"] as? Int ?? 0) == 0, "\(status)")
            let served = try world.versionsServed(20)
            #expect(served == ["good": 20], "\(served)")
            // The stable version is back to 3 replicas and the bad one is stopped after abortScaleDownDelay.
            try await world.waitFor(timeout: 15) {
                world.replicaProcesses().map(\.version).sorted() == ["good", "good", "good"]
            }
            let outcome = try load.outcome()
            let errors = outcome.statusClasses[5] ?? 0
            // The gate needs a few bad answers to decide; it must not let the bad version run on.
            #expect(errors > 0 && errors < outcome.requests / 20, "\(outcome.text)")
        }

        @Test(
            "blue-green switches at once with no failed request, keeps the old version warm, undoes in under 2 s",
            .timeLimit(.minutes(2)))
        func blueGreenSwitchAndUndo() async throws {
            let world = try DeliveryWorld(replicas: 2, rollout: Self.blueGreen(autoPromote: true))
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }
            let blue = Set(world.replicaProcesses().filter { $0.version == "good" })
            #expect(blue.count == 2)

            let load = try world.startLoad(seconds: 14, json: true)
            defer { load.cancel() }
            try await Task.sleep(for: .seconds(1))
            #expect(try world.deploy("good2").status == 0)
            try await world.waitFor(timeout: 45) {
                try world.status()["version"] as? String == "good2" && world.phase() == "succeeded"
            }
            let outcome = try load.outcome()
            #expect(outcome.requests > 1000, "\(outcome.text)")
            #expect(outcome.failed == 0, "failed requests during a blue-green switch: \(outcome.text)")
            let afterSwitch = try world.versionsServed(20)
            #expect(afterSwitch == ["good2": 20], "\(afterSwitch)")

            // The previous version stays warm: the very same processes still run, and status says so.
            let promoted = try world.status()
            #expect(promoted["previousVersion"] as? String == "good", "\(promoted)")
            #expect(promoted["previousWarm"] as? Bool == true, "\(promoted)")
            #expect((promoted["replicas"] as? [String: Int])?["previous"] == 2, "\(promoted)")
            #expect(Set(world.replicaProcesses().filter { $0.version == "good" }) == blue)

            let undoStarted = ContinuousClock.now
            let undo = try world.gantry(["deploy", "undo", "web", "--server", world.server, "--by", "alice"])
            #expect(undo.status == 0, "\(undo.stderr)")
            try await world.waitFor(timeout: 5) { try world.versionsServed(5) == ["good": 5] }
            let undoTook = ContinuousClock.now - undoStarted
            #expect(undoTook < .seconds(2), "undo took \(undoTook)")
            let afterUndo = try world.versionsServed(20)
            #expect(afterUndo == ["good": 20], "\(afterUndo)")
            let undone = try world.status()
            #expect(undone["phase"] as? String == "rolledBack", "\(undone)")
            #expect(undone["stableVersion"] as? String == "good", "\(undone)")
            // Instant because nothing was started: the warm replicas took the traffic back.
            #expect(Set(world.replicaProcesses().filter { $0.version == "good" }) == blue)
        }

        @Test(
            "a blue-green release failing 10% of requests is switched back by post-promotion analysis",
            .timeLimit(.minutes(2)))
        func blueGreenBad() async throws {
            let world = try DeliveryWorld(replicas: 1, rollout: Self.blueGreen(autoPromote: true))
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }

            let load = try world.startLoad(seconds: 15, json: true)
            defer { load.cancel() }
            try await Task.sleep(for: .seconds(1))
            #expect(try world.deploy("bad").status == 0)
            try await world.waitUntilFinished("bad", timeout: 45)
            let status = try world.status()
            #expect(status["phase"] as? String == "failed", "\(status)")
            #expect((status["message"] as? String ?? "").contains("analysis \"errors\" failed"), "\(status)")
            #expect((status["weights"] as? [String: Int]) == ["stable": 1000], "\(status)")
            let served = try world.versionsServed(20)
            #expect(served == ["good": 20], "\(served)")
        }

        @Test(
            "a blue-green preview waiting for promote gets no production traffic and answers on the preview address",
            .timeLimit(.minutes(2)))
        func blueGreenPreviewIsolated() async throws {
            let previewPort = try DeliveryWorld.freePort()
            let world = try DeliveryWorld(
                previewPort: previewPort, rollout: Self.blueGreen(autoPromote: false, postPromotionAnalysis: false))
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }
            #expect(try world.deploy("good2").status == 0)
            try await world.waitFor { try world.status()["version"] as? String == "good2" && world.phase() == "paused" }
            #expect(world.replicaProcesses().contains { $0.version == "good2" })
            let status = try world.status()
            #expect((status["weights"] as? [String: Int] ?? [:])["canary"] ?? 0 == 0, "\(status)")
            // Until promoted, every user is still served by the stable version.
            let beforePromote = try world.versionsServed(20)
            #expect(beforePromote == ["good": 20], "\(beforePromote)")
            // The preview address serves only the new version, for smoke tests before the switch.
            for _ in 0..<10 {
                let answer = try Sandbox.execute(
                    ["/usr/bin/env", "curl", "-s", "--max-time", "5", "http://127.0.0.1:\(previewPort)/"], in: world.sandbox.root)
                #expect(answer.stdout == "hello from good2\n", "\(answer.stdout)")
            }

            let promote = try world.gantry(["deploy", "promote", "web", "--server", world.server, "--by", "alice"])
            #expect(promote.status == 0, "\(promote.stderr)")
            try await world.waitFor { try world.phase() == "succeeded" }
            let afterPromote = try world.versionsServed(20)
            #expect(afterPromote == ["good2": 20], "\(afterPromote)")
        }
    }
}
