import Delivery
import Testing

/// Random commands and verdicts thrown at every strategy, checking what must hold whatever happens.
@Suite("rollout invariants")
struct RolloutInvariantTests {
    static let strategies: [RolloutStrategy] = [
        .canary(
            CanaryStrategy(
                steps: [
                    .setWeight(.percent(10)), .pause(.seconds(60)), .analysis(["error-rate"]), .setWeight(.percent(60)),
                    .pause(nil),
                ],
                backgroundAnalysis: CanaryStrategy.BackgroundAnalysis(templates: ["latency"], startingStep: 1))),
        .blueGreen(
            BlueGreenStrategy(
                prePromotionAnalysis: ["smoke"], postPromotionAnalysis: ["error-rate"], autoPromote: false)),
        .rolling(RollingStrategy(maxSurge: .count(1), maxUnavailable: .count(1), analysis: ["error-rate"])),
    ]
    static let commands: [RolloutEvent] = [
        .promote(full: false), .promote(full: true), .pause, .resume, .undo, .retry, .noDataCapReached,
        .abort(reason: "fuzz"),
    ]

    @Test(
        "weights always add up, status changes are always recorded first, and without a fail verdict nothing fails",
        arguments: 0..<3)
    func fuzz(strategyIndex: Int) {
        for seed in 0..<100 {
            var generator = SeededGenerator(seed: UInt64(seed * 31 + strategyIndex))
            var driver = RolloutDriver(Specs.spec(Self.strategies[strategyIndex]))
            let verdicts: [Verdict] = [.pass, .pass, .noData, .inconclusive]
            for template in ["error-rate", "latency", "smoke"] {
                driver.verdicts[template] = (0..<20).map { _ in verdicts.randomElement(using: &generator)! }
            }
            driver.send(.start)
            for _ in 0..<30 {
                if Int.random(in: 0..<3, using: &generator) == 0 {
                    driver.send(Self.commands.randomElement(using: &generator)!)
                }
                var steps = Int.random(in: 1..<6, using: &generator)
                driver.run { _ in
                    steps -= 1
                    return steps < 0
                }
            }
            for weights in driver.weightChanges {
                let total = weights.values.reduce(0, +)
                #expect(total == 1000 || total == 0, "seed \(seed): \(weights)")
            }
            #expect(driver.status.weights.values.reduce(0, +) == 1000, "seed \(seed): \(driver.status.weights)")
            #expect(driver.status.phase != .failed, "seed \(seed): \(driver.status.message)")
            #expect(!driver.log.contains { if case .finish(.failed, _) = $0 { true } else { false } })
        }
    }
}
