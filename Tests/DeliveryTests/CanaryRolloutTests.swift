import Delivery
import Foundation
import Testing

@Suite("canary rollouts")
struct CanaryRolloutTests {
    static let twentyFiveMinutes: [CanaryStrategy.Step] = [
        .setWeight(.percent(10)), .pause(.seconds(300)), .setWeight(.percent(25)), .pause(.seconds(300)),
        .analysis(["error-rate"]), .setWeight(.percent(50)), .pause(.seconds(900)),
    ]

    @Test("a 25-minute canary runs through in microseconds")
    func fullCanary() {
        let started = ContinuousClock.now
        var driver = RolloutDriver(Specs.canary(Self.twentyFiveMinutes))
        driver.startAndRun()
        let elapsed = ContinuousClock.now - started
        #expect(driver.status.phase == .succeeded)
        #expect(driver.status.outcome == .success)
        #expect(driver.status.stableVersion == "v2")
        #expect(driver.status.previousVersion == "v1")
        #expect(driver.now == .seconds(25 * 60))
        #expect(elapsed < .seconds(1))
        // After the last step the promoted replicas' share moves with them to `stable` (nil: no canary weight).
        #expect(driver.weightChanges.map { $0[.canary] } == [100, 250, 500, 1000, nil])
        #expect(driver.weightChanges.last == [.stable: 1000])
        #expect(driver.replicas[.stable]?.version == "v2")
        #expect(driver.replicas[.previous]?.version == "v1")
        #expect(driver.replicas[.baseline] == nil)
        guard case .finish(.success, let reason) = driver.log.last else {
            Issue.record("the last action is not finish(.success): \(String(describing: driver.log.last))")
            return
        }
        #expect(reason == "promoted v2")
    }

    @Test("a baseline of the stable version starts beside the canary and gets the same weight")
    func baseline() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .pause(nil)]))
        let actions = driver.send(.start)
        #expect(
            Array(actions.dropFirst()) == [
                .startReplicas(version: "v2", role: .canary, count: 1),
                .startReplicas(version: "v1", role: .baseline, count: 1),
            ])
        #expect(driver.send(.replicasReady(.canary)).isEmpty)
        let ready = driver.send(.replicasReady(.baseline))
        #expect(ready.dropFirst().first == .setWeights([.stable: 800, .canary: 100, .baseline: 100]))
        #expect(driver.status.phase == .paused)
        #expect(driver.status.pauseReason == .untilPromoted)
    }

    @Test("canary and baseline grow with the weight, and the baseline never takes more than the stable share")
    func scaling() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .setWeight(.percent(60))]))
        driver.startAndRun()
        #expect(driver.log.contains(.scaleReplicas(role: .canary, count: 3)))
        #expect(driver.log.contains(.scaleReplicas(role: .baseline, count: 3)))
        #expect(driver.weightChanges[1] == [.stable: 0, .canary: 600, .baseline: 400])
        #expect(driver.log.contains(.scaleReplicas(role: .canary, count: 4)))
    }

    @Test("without a baseline the stable version takes the rest")
    func noBaseline() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(12.5))], baseline: false))
        driver.startAndRun()
        #expect(driver.weightChanges.first == [.stable: 875, .canary: 125])
        #expect(!driver.log.contains { if case .startReplicas(_, .baseline, _) = $0 { true } else { false } })
    }

    @Test("a failed verdict sends the canary to 0 as the first action after the record")
    func failedVerdict() throws {
        var driver = RolloutDriver(
            Specs.canary([.setWeight(.percent(10)), .analysis(["error-rate"]), .setWeight(.percent(50))]))
        driver.silentTemplates = ["error-rate"]
        driver.startAndRun()
        let run = try #require(driver.analysesStarted.first)
        let outcome = Specs.outcome(.fail, message: "failed (1) > failureLimit (0)")
        let actions = driver.send(.analysisCompleted(run, outcome))
        guard case .record(let transition) = actions.first else {
            Issue.record("the first action is not a record")
            return
        }
        #expect(transition.status.phase == .failed)
        #expect(transition.evidence == outcome)
        #expect(transition.reason == "analysis \"error-rate\" failed: failed (1) > failureLimit (0)")
        #expect(actions[1] == .setWeights([.stable: 1000, .canary: 0, .baseline: 0]))
        #expect(actions.contains(.stopReplicas(role: .canary, after: .seconds(30))))
        #expect(actions.contains(.stopReplicas(role: .baseline, after: .seconds(30))))
        #expect(actions.last == .finish(.failed, reason: transition.reason!))
        #expect(driver.status.weights == [.stable: 1000])
        #expect(driver.status.stableVersion == "v1")
    }

    @Test("an indefinite pause waits for promote, and resume does the same")
    func indefinitePause() {
        for command in [RolloutEvent.promote(full: false), .resume] {
            var driver = RolloutDriver(Specs.canary([.setWeight(.percent(20)), .pause(nil), .setWeight(.percent(40))]))
            driver.startAndRun()
            #expect(driver.status.phase == .paused)
            #expect(driver.status.step == 1)
            #expect(driver.pendingTimers.isEmpty)
            driver.send(command)
            driver.run()
            #expect(driver.status.phase == .succeeded)
            #expect(driver.weightChanges.map { $0[.canary] } == [200, 400, 1000, nil])
        }
    }

    @Test("a full promotion skips every remaining step and analysis")
    func fullPromotion() {
        var driver = RolloutDriver(
            Specs.canary(
                Self.twentyFiveMinutes,
                background: CanaryStrategy.BackgroundAnalysis(templates: ["latency"], startingStep: 0)))
        driver.silentTemplates = ["latency"]
        driver.send(.start)
        driver.run { $0.status.step == 1 }
        let actions = driver.send(.promote(full: true))
        #expect(actions.contains { if case .cancelTimer = $0 { true } else { false } })
        #expect(actions.contains { if case .stopAnalysis(let id) = $0 { id.purpose == .background } else { false } })
        driver.run()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.weightChanges.map { $0[.canary] } == [100, 1000, nil])
        #expect(!driver.analysesStarted.contains { $0.purpose == .step })
        #expect(driver.now == .zero)
    }

    @Test("background analysis starts at its step, and its failure aborts during a pause")
    func backgroundFailure() throws {
        let background = CanaryStrategy.BackgroundAnalysis(templates: ["latency"], startingStep: 2)
        var driver = RolloutDriver(Specs.canary(Self.twentyFiveMinutes, background: background))
        driver.silentTemplates = ["latency"]
        driver.send(.start)
        driver.run { $0.status.step == 1 }
        #expect(driver.analysesStarted.isEmpty)
        driver.run { $0.status.step == 3 }
        let run = try #require(driver.analysesStarted.first)
        #expect(run.purpose == .background)
        let actions = driver.send(.analysisCompleted(run, Specs.outcome(.fail, template: "latency")))
        #expect(actions[1] == .setWeights([.stable: 1000, .canary: 0, .baseline: 0]))
        #expect(actions.contains { if case .cancelTimer(let id) = $0 { id.purpose == .pause } else { false } })
        #expect(driver.status.phase == .failed)
        #expect(driver.status.message.hasPrefix("background analysis \"latency\" failed"))
    }

    @Test("no data measures again, then pauses for a person after the cap, and never fails")
    func noData() throws {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .analysis(["error-rate"])]))
        driver.verdicts["error-rate"] = Array(repeating: .noData, count: 50)
        driver.send(.start)
        driver.run { $0.analysesStarted.count >= 5 }
        #expect(driver.status.phase == .progressing)
        #expect(driver.pendingTimers.map(\.purpose) == [.noData])
        driver.verdicts["error-rate"] = []
        driver.silentTemplates = ["error-rate"]
        driver.run { $0.status.phase == .paused }
        #expect(driver.status.phase == .paused)
        #expect(driver.status.pauseReason == .noData)
        #expect(driver.now == .seconds(300))
        #expect(!driver.log.contains { if case .finish = $0 { true } else { false } })
        #expect(!driver.log.contains(.setWeights([.stable: 1000, .canary: 0, .baseline: 0])))
        driver.silentTemplates = []
        let started = driver.analysesStarted.count
        driver.send(.resume)
        driver.run()
        #expect(driver.analysesStarted.count == started + 1)
        #expect(driver.status.phase == .succeeded)
    }

    @Test("the noDataCapReached event pauses like the machine's own timer")
    func noDataCapEvent() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .analysis(["error-rate"])]))
        driver.silentTemplates = ["error-rate"]
        driver.startAndRun()
        let actions = driver.send(.noDataCapReached)
        #expect(actions.contains { if case .stopAnalysis = $0 { true } else { false } })
        #expect(driver.status.pauseReason == .noData)
        driver.send(.promote(full: false))
        driver.run()
        #expect(driver.status.phase == .succeeded)
    }

    @Test("an inconclusive analysis pauses for a person, and promote skips it")
    func inconclusive() {
        var driver = RolloutDriver(
            Specs.canary([.setWeight(.percent(10)), .analysis(["error-rate"]), .setWeight(.percent(30))]))
        driver.verdicts["error-rate"] = [.inconclusive]
        driver.startAndRun()
        #expect(driver.status.phase == .paused)
        #expect(driver.status.pauseReason == .inconclusive)
        #expect(driver.records.last?.evidence?.verdict == .inconclusive)
        driver.send(.promote(full: false))
        driver.run()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.analysesStarted.count == 1)
    }

    @Test("a pause by a person during a timed pause starts the pause over on resume")
    func userPause() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .pause(.seconds(600))]))
        driver.send(.start)
        driver.run { !$0.pendingTimers.isEmpty }
        let paused = driver.send(.pause)
        #expect(paused.contains { if case .cancelTimer = $0 { true } else { false } })
        #expect(driver.status.phase == .paused)
        #expect(driver.status.pauseReason == .user)
        #expect(driver.pendingTimers.isEmpty)
        driver.send(.resume)
        #expect(driver.pendingTimers.count == 1)
        driver.run()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.now == .seconds(600))
    }

    @Test("stale timers and verdicts from earlier runs are ignored")
    func staleEvents() throws {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .analysis(["error-rate"]), .pause(nil)]))
        driver.verdicts["error-rate"] = [.noData]
        driver.silentTemplates = []
        driver.send(.start)
        driver.run { $0.analysesStarted.count == 2 }
        let stale = try #require(driver.analysesStarted.first)
        #expect(driver.send(.analysisCompleted(stale, Specs.outcome(.fail))).isEmpty)
        #expect(driver.send(.timerFired(TimerID(.pause, sequence: 999))).isEmpty)
        #expect(driver.status.phase != .failed)
    }

    @Test("canary replicas that fail to start fail the rollout")
    func replicasFailed() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10))]))
        driver.send(.start)
        let actions = driver.send(.replicasFailed(.canary, reason: "replica 0 exited with status 1"))
        #expect(actions[1] == .setWeights([.stable: 1000, .canary: 0, .baseline: 0]))
        #expect(driver.status.phase == .failed)
        #expect(driver.status.message == "canary replicas failed: replica 0 exited with status 1")
    }

    @Test("the first deploy of a service goes straight to all traffic, without steps")
    func firstDeploy() {
        var driver = RolloutDriver(Specs.canary(Self.twentyFiveMinutes), version: "v1", stable: nil)
        driver.startAndRun()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.weightChanges == [[.canary: 1000], [.stable: 1000]])
        #expect(driver.analysesStarted.isEmpty)
        #expect(driver.status.previousVersion == nil)
        #expect(driver.replicas[.stable]?.version == "v1")
    }
}
