import Testing

@testable import Delivery

@Suite("latency judge")
struct LatencyJudgeTests {
    @Test("U and the one-sided p-value match SciPy's asymptotic Mann-Whitney test, ties included")
    func reference() {
        let tied = MannWhitney([1, 2, 2, 5, 7, 8, 9, 9, 10], [2, 3, 3, 4, 4, 6])
        #expect(tied.u == 36)
        #expect(abs(tied.pValue - 0.156714) < 1e-5)
        let separated = MannWhitney([11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [1, 2, 3, 4, 5, 6, 7, 8, 9, 21])
        #expect(separated.u == 90)
        #expect(abs(separated.pValue - 0.0014136) < 1e-6)
        #expect(separated.probabilityOfSuperiority == 0.9)
        #expect(MannWhitney([1, 2, 2], [2, 3]).u == 1)
        #expect(MannWhitney([5, 5, 5], [5, 5, 5]).pValue == 1)
    }

    @Test("a canary 50% slower fails with a few hundred samples")
    func slower() {
        var generator = SeededGenerator(seed: 42)
        let result = LatencyJudge().judge(
            canary: generator.latencies(300, median: 120), baseline: generator.latencies(300, median: 80))
        #expect(result.decision == .fail)
        #expect(result.message.hasPrefix("canary is slower: median canary"))
    }

    @Test("a significant 20% slowdown of a 1 ms service is below the 2 ms floor and passes; 20 ms more fails")
    func absoluteFloor() {
        var generator = SeededGenerator(seed: 7)
        // Generated in hundredths of a millisecond, judged in milliseconds.
        let baseline = generator.latencies(2000, median: 100).map { $0 / 100 }
        let canary = generator.latencies(2000, median: 120).map { $0 / 100 }
        let result = LatencyJudge(minimumMedianRatio: 1.1).judge(canary: canary, baseline: baseline)
        #expect(result.decision == .pass, "\(result.message)")
        let withoutFloor = LatencyJudge(minimumMedianRatio: 1.1, minimumMedianIncrease: 0)
        #expect(withoutFloor.judge(canary: canary, baseline: baseline).decision == .fail, "the floor is what passes it")
        let slow = LatencyJudge().judge(canary: canary.map { $0 + 20 }, baseline: baseline)
        #expect(slow.decision == .fail, "\(slow.message)")
    }

    @Test("a canary as fast as its baseline passes in at least 98 of 100 seeded runs")
    func equal() {
        var failures = 0
        for seed in 0..<100 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let result = LatencyJudge().judge(
                canary: generator.latencies(300, median: 80), baseline: generator.latencies(300, median: 80))
            if result.decision == .fail { failures += 1 }
        }
        #expect(failures <= 2)
    }

    @Test("a significant but tiny slowdown passes because the effect is below the thresholds")
    func smallEffect() {
        var generator = SeededGenerator(seed: 7)
        let result = LatencyJudge().judge(
            canary: generator.latencies(5000, median: 82, spread: 0.1),
            baseline: generator.latencies(5000, median: 80, spread: 0.1))
        #expect(result.decision == .pass)
        #expect(
            MannWhitney(
                generator.latencies(5000, median: 82, spread: 0.1), generator.latencies(5000, median: 80, spread: 0.1)
            ).pValue < 0.01)
    }

    @Test("too few samples give insufficient data")
    func insufficient() {
        #expect(
            LatencyJudge().judge(canary: Array(repeating: 500, count: 19), baseline: Array(repeating: 10, count: 100))
                .decision == .insufficientData)
    }
}
