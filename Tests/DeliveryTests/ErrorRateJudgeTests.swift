import Delivery
import Testing

@Suite("error-rate judge")
struct ErrorRateJudgeTests {
    /// 200 rps with the canary at 10%: 20 rps to the canary and 20 to its baseline, judged every second.
    static let runs = 200

    @Test("a canary failing every request fails within 2 seconds of 1-second windows")
    func totalFailure() {
        let seconds = TrafficSimulation(canaryErrorRate: 1, baselineErrorRate: 0.005).secondsOfFailure(
            seconds: 30, runs: Self.runs)
        #expect(seconds.allSatisfy { $0 != nil })
        #expect(seconds.compactMap { $0 }.max() ?? 99 <= 2)
    }

    @Test("a canary failing 10% of requests fails within about 10 seconds")
    func partialFailure() {
        let seconds = TrafficSimulation(canaryErrorRate: 0.1, baselineErrorRate: 0.005)
            .secondsOfFailure(seconds: 60, runs: Self.runs).map { $0 ?? 999 }.sorted()
        #expect(seconds[Self.runs / 2] <= 7)
        #expect(seconds[Self.runs * 95 / 100] <= 12)
        #expect(seconds.last! <= 15)
    }

    @Test(
        "a healthy canary with a few random errors does not fail",
        arguments: [(0.005, 0.005), (0.01, 0.01), (0.05, 0.05), (0.0, 0.01)]
    )
    func healthy(canary: Double, baseline: Double) {
        let failures = TrafficSimulation(canaryErrorRate: canary, baselineErrorRate: baseline)
            .secondsOfFailure(seconds: 60, runs: Self.runs).compactMap { $0 }
        // α is 1%: at most two of 200 one-minute runs may fail by chance.
        #expect(failures.count <= 2, "failed at \(failures)")
    }

    @Test("the evidence names the counts, the statistic and the boundary")
    func evidence() {
        let window = TrafficSample(
            canary: RequestStats(requests: 20, errors: 20), baseline: RequestStats(requests: 20, errors: 0))
        let result = ErrorRateJudge().judge([window])
        #expect(result.decision == .fail)
        #expect(
            result.message
                == "canary 20/20 errors (100%) vs baseline 0/20 errors (0%): log-likelihood ratio 5.754 ≥ 4.554 (H1: "
                + "canary ≥ 2× baseline)"
        )
    }

    @Test("no traffic and too few requests never fail")
    func noTraffic() {
        let judge = ErrorRateJudge()
        let empty = Array(repeating: TrafficSample(canary: .empty, baseline: .empty), count: 120)
        #expect(judge.judge(empty).decision == .insufficientData)
        let trickle = Array(
            repeating: TrafficSample(
                canary: RequestStats(requests: 1, errors: 1), baseline: RequestStats(requests: 1, errors: 0)), count: 9)
        #expect(judge.judge(trickle).decision == .insufficientData)
        let noBaseline = Array(
            repeating: TrafficSample(canary: RequestStats(requests: 20, errors: 20), baseline: .empty), count: 30)
        #expect(judge.judge(noBaseline).decision == .insufficientData)
    }

    @Test("an analysis of windows without traffic ends in noData, never in fail")
    func noDataVerdict() {
        var template = TrafficSimulation(canaryErrorRate: 0, baselineErrorRate: 0).template
        template.count = 30
        let start = AssessmentTests.start
        let measurements = (0..<30).map { second in
            MetricMeasurement(
                value: nil, traffic: TrafficSample(canary: .empty, baseline: .empty),
                at: start.addingTimeInterval(Double(second)))
        }
        let outcome = assess(measurements: measurements, template: template)
        #expect(outcome.verdict == .noData)
        #expect(outcome.counts.failed == 0)
    }

    @Test("a canary that regresses after ten healthy minutes is still caught within two windows")
    func lateRegression() {
        let judge = ErrorRateJudge()
        let healthy = TrafficSample(
            canary: RequestStats(requests: 20, errors: 1), baseline: RequestStats(requests: 20, errors: 1))
        let broken = TrafficSample(
            canary: RequestStats(requests: 20, errors: 20), baseline: RequestStats(requests: 20, errors: 1))
        let windows = Array(repeating: healthy, count: 600)
        #expect(judge.judge(windows).decision == .pass)
        #expect(judge.judge(windows + [broken]).decision != .fail)
        #expect(judge.judge(windows + [broken, broken]).decision == .fail)
    }
}
