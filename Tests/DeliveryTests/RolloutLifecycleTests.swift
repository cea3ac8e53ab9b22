import Delivery
import Testing

@Suite("rollout lifecycle")
struct RolloutLifecycleTests {
    static let steps: [CanaryStrategy.Step] = [
        .setWeight(.percent(10)), .pause(.seconds(300)), .setWeight(.percent(50)), .pause(.seconds(300)),
    ]

    @Test("a restart aborts an interrupted rollout and restores the stable version at 100%")
    func restartReconcile() throws {
        var driver = RolloutDriver(Specs.canary(Self.steps))
        driver.send(.start)
        driver.run { $0.status.step == 2 }
        let last = try #require(driver.records.last)
        #expect(last.status.phase == .progressing)

        let spec = Specs.canary(Self.steps)
        var restored = RolloutStateMachine(spec: spec, restoring: last.status, recordSequence: last.sequence)
        let actions = restored.handle(.restartReconcile)
        guard case .record(let transition) = actions.first else {
            Issue.record("reconcile did not record first")
            return
        }
        #expect(transition.sequence == last.sequence + 1)
        #expect(transition.status.phase == .aborted)
        #expect(transition.reason == "aborted by restart; v1 serves all traffic")
        #expect(actions[1] == .setWeights([.stable: 1000]))
        #expect(actions.contains(.startReplicas(version: "v1", role: .stable, count: 4)))
        #expect(actions.contains(.stopReplicas(role: .canary, after: .zero)))
        #expect(actions.contains(.stopReplicas(role: .baseline, after: .zero)))
        #expect(actions.last == .finish(.aborted, reason: "aborted by restart; v1 serves all traffic"))
        #expect(restored.status.weights == [.stable: 1000])
        #expect(restored.status.outcome == .aborted)
    }

    @Test("a restart after a finished rollout only makes sure the stable version serves everything")
    func restartAfterSuccess() throws {
        var driver = RolloutDriver(Specs.canary(Self.steps))
        driver.startAndRun()
        let last = try #require(driver.records.last)
        var restored = RolloutStateMachine(
            spec: Specs.canary(Self.steps), restoring: last.status, recordSequence: last.sequence)
        let actions = restored.handle(.restartReconcile)
        #expect(actions.contains(.setWeights([.stable: 1000])))
        #expect(actions.contains(.startReplicas(version: "v2", role: .stable, count: 4)))
        #expect(!actions.contains { if case .finish = $0 { true } else { false } })
        #expect(restored.status.phase == .succeeded)
        #expect(!restored.status.previousWarm)
    }

    @Test("abort sends traffic back to the stable version, keeps the canary for abortScaleDownDelay, and records why")
    func abort() {
        var driver = RolloutDriver(Specs.canary(Self.steps))
        driver.send(.start)
        driver.run { $0.status.step == 1 }
        let actions = driver.send(.abort(reason: "customer reports"))
        #expect(actions[1] == .setWeights([.stable: 1000, .canary: 0, .baseline: 0]))
        #expect(actions.contains(.stopReplicas(role: .canary, after: .seconds(30))))
        #expect(driver.status.phase == .aborted)
        #expect(driver.records.last?.reason == "aborted: customer reports")
        #expect(driver.send(.abort(reason: "again")).isEmpty)
    }

    @Test("undo during a rollout rolls back like an abort")
    func undoDuringRollout() {
        var driver = RolloutDriver(Specs.canary(Self.steps))
        driver.send(.start)
        driver.run { $0.status.step == 1 }
        let actions = driver.send(.undo)
        #expect(actions[1] == .setWeights([.stable: 1000, .canary: 0, .baseline: 0]))
        #expect(driver.status.phase == .rolledBack)
        #expect(driver.status.outcome == .rolledBack)
    }

    @Test("retry runs the same version again from the first step as a new attempt")
    func retry() {
        var driver = RolloutDriver(Specs.canary([.setWeight(.percent(10)), .analysis(["error-rate"])]))
        driver.verdicts["error-rate"] = [.fail]
        driver.startAndRun()
        #expect(driver.status.phase == .failed)
        driver.send(.retry)
        #expect(driver.status.attempt == 2)
        #expect(driver.records.last?.reason == "retry: attempt 2")
        driver.run()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.status.stableVersion == "v2")
        #expect(driver.weightChanges.map { $0[.canary] } == [100, 0, 100, 1000, nil])
    }

    @Test("commands that do not apply change nothing and record nothing")
    func ignoredCommands() {
        var driver = RolloutDriver(Specs.canary(Self.steps))
        #expect(driver.send(.resume).isEmpty)
        #expect(driver.send(.retry).isEmpty)
        #expect(driver.send(.promote(full: true)).isEmpty)
        driver.startAndRun()
        #expect(driver.send(.pause).isEmpty)
        #expect(driver.send(.retry).isEmpty)
        #expect(driver.send(.start).isEmpty)
    }

    @Test("records are numbered in order and every status change is recorded before its effects")
    func recordOrder() {
        var driver = RolloutDriver(Specs.canary(CanaryRolloutTests.twentyFiveMinutes))
        driver.startAndRun()
        #expect(driver.records.map(\.sequence) == Array(1...driver.records.count))
        #expect(driver.records.first?.event == "start")
        #expect(driver.records.last?.status.phase == .succeeded)
    }
}

extension RolloutLifecycleTests {
    @Test("a new rollout stops the version that was still kept warm from the last one")
    func warmPreviousStops() {
        var machine = RolloutStateMachine(
            spec: Specs.canary(Self.steps), version: "v3",
            service: ServiceState(stableVersion: "v2", previousVersion: "v1", previousWarm: true))
        #expect(machine.status.replicas == [.stable: 4, .previous: 4])
        let actions = machine.handle(.start)
        #expect(actions.dropFirst().first == .stopReplicas(role: .previous, after: .zero))
        #expect(machine.status.previousVersion == nil)
        #expect(machine.status.replicas[.previous] == nil)
    }
}
