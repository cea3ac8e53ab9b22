import Delivery
import Testing

@Suite("blue-green rollouts")
struct BlueGreenRolloutTests {
    static func spec(autoPromote: Bool = true, scaleDownDelay: Duration = .seconds(900)) -> RolloutSpec {
        Specs.spec(
            .blueGreen(
                BlueGreenStrategy(
                    prePromotionAnalysis: ["smoke"], postPromotionAnalysis: ["error-rate"], autoPromote: autoPromote,
                    scaleDownDelay: scaleDownDelay)))
    }

    @Test("the preview is analysed, traffic switches at once, and the old version stays warm for 15 minutes")
    func happyPath() {
        var driver = RolloutDriver(Self.spec())
        driver.startAndRun()
        #expect(driver.status.phase == .succeeded)
        #expect(driver.log.contains(.startReplicas(version: "v2", role: .canary, count: 4)))
        // The switch, then the promoted replicas' share moves with them from `canary` to `stable`.
        #expect(driver.weightChanges == [[.stable: 0, .canary: 1000], [.stable: 1000]])
        #expect(driver.analysesStarted.map(\.purpose) == [.prePromotion, .postPromotion])
        #expect(driver.status.previousWarm)
        #expect(driver.replicas[.previous]?.version == "v1")
        #expect(driver.pendingTimers.map(\.purpose) == [.scaleDown])
        guard let switchIndex = driver.log.firstIndex(of: .setWeights([.stable: 0, .canary: 1000])),
            let preIndex = driver.log.firstIndex(where: {
                if case .startAnalysis(let id, _) = $0 { id.purpose == .prePromotion } else { false }
            }),
            let postIndex = driver.log.firstIndex(where: {
                if case .startAnalysis(let id, _) = $0 { id.purpose == .postPromotion } else { false }
            })
        else {
            Issue.record("missing switch or analysis")
            return
        }
        #expect(preIndex < switchIndex && switchIndex < postIndex)
        driver.fire(.scaleDown)
        #expect(driver.now == .seconds(900))
        #expect(driver.log.last == .stopReplicas(role: .previous, after: .zero))
        #expect(!driver.status.previousWarm)
        #expect(driver.records.last?.reason == "scaleDownDelay passed")
    }

    @Test("a failed post-promotion analysis switches back to the warm stable version at once")
    func postPromotionFailure() {
        var driver = RolloutDriver(Self.spec())
        driver.verdicts["error-rate"] = [.fail]
        driver.startAndRun()
        #expect(driver.status.phase == .failed)
        let afterSwitch = driver.weightChanges
        #expect(afterSwitch == [[.stable: 0, .canary: 1000], [.stable: 1000, .canary: 0]])
        #expect(!driver.log.contains { if case .startReplicas(_, .stable, _) = $0 { true } else { false } })
        #expect(driver.replicas[.stable]?.version == "v1")
    }

    @Test("without autoPromote the rollout waits for promote after the preview passes")
    func manualPromotion() {
        var driver = RolloutDriver(Self.spec(autoPromote: false))
        driver.startAndRun()
        #expect(driver.status.phase == .paused)
        #expect(driver.status.pauseReason == .untilPromoted)
        #expect(driver.weightChanges.isEmpty)
        driver.send(.promote(full: false))
        driver.run()
        #expect(driver.status.phase == .succeeded)
    }

    @Test("undo while the previous version is warm is instant: no replicas start")
    func instantUndo() {
        var driver = RolloutDriver(Self.spec())
        driver.startAndRun()
        let actions = driver.send(.undo)
        guard case .record(let transition) = actions.first else {
            Issue.record("undo did not record first")
            return
        }
        #expect(transition.status.phase == .rolledBack)
        let effects = actions.dropFirst().filter { if case .cancelTimer = $0 { false } else { true } }
        #expect(
            effects == [
                .setWeights([.previous: 1000, .stable: 0]),
                .stopReplicas(role: .stable, after: .seconds(30)),
                .relabel(.previous, as: .stable),
                .setWeights([.stable: 1000]),
                .finish(.rolledBack, reason: "undone: v1 serves all traffic again"),
            ])
        #expect(actions.contains { if case .cancelTimer(let id) = $0 { id.purpose == .scaleDown } else { false } })
        #expect(!actions.contains { if case .startReplicas = $0 { true } else { false } })
        #expect(driver.status.stableVersion == "v1")
        #expect(driver.replicas[.stable]?.version == "v1")
        #expect(driver.status.weights == [.stable: 1000])
    }

    @Test("undo after the previous version was scaled down starts it again, then switches at once")
    func coldUndo() {
        var driver = RolloutDriver(Self.spec())
        driver.startAndRun()
        driver.fire(.scaleDown)
        let actions = driver.send(.undo)
        #expect(actions.dropFirst().first == .startReplicas(version: "v1", role: .canary, count: 4))
        #expect(driver.status.phase == .progressing)
        driver.run()
        #expect(driver.status.phase == .rolledBack)
        #expect(Array(driver.weightChanges.suffix(2)) == [[.canary: 1000, .stable: 0], [.stable: 1000]])
        #expect(driver.replicas[.stable]?.version == "v1")
        #expect(driver.analysesStarted.count == 2)
        #expect(driver.status.version == "v2")
        let retried = driver.send(.retry)
        #expect(retried.dropFirst().first == .startReplicas(version: "v2", role: .canary, count: 4))
        #expect(driver.status.stableVersion == "v1")
    }
}
