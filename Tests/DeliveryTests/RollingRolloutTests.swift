import Delivery
import Testing

@Suite("rolling rollouts")
struct RollingRolloutTests {
    static func spec(surge: RollingStrategy.ReplicaCount, unavailable: RollingStrategy.ReplicaCount) -> RolloutSpec {
        Specs.spec(.rolling(RollingStrategy(maxSurge: surge, maxUnavailable: unavailable, analysis: ["error-rate"])))
    }

    @Test("with maxSurge 25% four replicas are replaced one batch at a time, each gated by analysis")
    func surgeBatches() {
        var driver = RolloutDriver(Self.spec(surge: .percent(25), unavailable: .count(0)))
        driver.startAndRun()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.status.stepCount == 4)
        #expect(driver.weightChanges.map { $0[.canary] } == [250, 500, 750, 1000, nil])
        #expect(driver.analysesStarted.map(\.purpose) == [.batch, .batch, .batch, .batch])
        let stableCounts = driver.log.compactMap {
            if case .scaleReplicas(.stable, let count) = $0 { count } else { nil }
        }
        #expect(stableCounts == [3, 2, 1])
        let effects = driver.log.filter { if case .record = $0 { false } else { true } }
        #expect(
            Array(effects.prefix(3)) == [
                .startReplicas(version: "v2", role: .canary, count: 1),
                .setWeights([.stable: 750, .canary: 250]),
                .scaleReplicas(role: .stable, count: 3),
            ])
        #expect(driver.log.contains(.stopReplicas(role: .previous, after: .zero)))
        #expect(driver.replicas[.stable]?.version == "v2")
        #expect(driver.replicas[.previous] == nil)
    }

    @Test("with maxSurge 0 old replicas stop before their replacements start")
    func unavailableFirst() {
        var driver = RolloutDriver(Self.spec(surge: .count(0), unavailable: .count(2)))
        driver.startAndRun()
        let effects = driver.log.filter { if case .record = $0 { false } else { true } }
        #expect(
            Array(effects.prefix(3)) == [
                .scaleReplicas(role: .stable, count: 2),
                .startReplicas(version: "v2", role: .canary, count: 2),
                .setWeights([.stable: 500, .canary: 500]),
            ])
        #expect(driver.status.phase == .succeeded)
    }

    @Test("a failed batch sends traffic back and restores the old replicas")
    func failedBatch() {
        var driver = RolloutDriver(Self.spec(surge: .count(1), unavailable: .count(0)))
        driver.verdicts["error-rate"] = [.pass, .fail]
        driver.startAndRun()
        #expect(driver.status.phase == .failed)
        guard
            let failure = driver.log.lastIndex(where: {
                if case .record(let t) = $0 { t.status.phase == .failed } else { false }
            })
        else {
            Issue.record("no failure record")
            return
        }
        #expect(driver.log[failure + 1] == .setWeights([.stable: 1000, .canary: 0]))
        #expect(driver.log.contains(.scaleReplicas(role: .stable, count: 4)))
        #expect(driver.replicas[.stable]?.count == 4)
    }
}
