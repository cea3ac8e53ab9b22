import Delivery
import Foundation

/// One-second windows of random traffic for a canary and its baseline, fed one by one to `assess`, as the
/// builtin provider and the controller would.
struct TrafficSimulation {
    /// Requests per second to each of canary and baseline (10% of 200 rps each).
    var requestsPerSecond = 20.0
    var canaryErrorRate: Double
    var baselineErrorRate: Double
    var template = AnalysisTemplate(
        name: "error-rate", provider: .builtin(.errorRate), interval: .seconds(1), judge: .errorRate(ErrorRateJudge()))

    /// The second at which the analysis first fails within `seconds`, or nil.
    func secondOfFailure(seconds: Int, seed: UInt64) -> Int? {
        var generator = SeededGenerator(seed: seed)
        var measurements: [MetricMeasurement] = []
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        for second in 1...seconds {
            let canaryRequests = generator.poisson(requestsPerSecond)
            let baselineRequests = generator.poisson(requestsPerSecond)
            let canary = RequestStats(
                requests: canaryRequests, errors: generator.binomial(canaryRequests, canaryErrorRate))
            let baseline = RequestStats(
                requests: baselineRequests, errors: generator.binomial(baselineRequests, baselineErrorRate))
            let rate = canary.requests == 0 ? nil : Double(canary.errors) / Double(canary.requests)
            measurements.append(
                MetricMeasurement(
                    value: rate, traffic: TrafficSample(canary: canary, baseline: baseline),
                    query: "builtin error-rate",
                    at: start.addingTimeInterval(Double(second))))
            // As the controller does: the assessed measurements go back in, so only the new one is judged.
            let outcome = assess(measurements: measurements, template: template)
            if outcome.verdict == .fail { return second }
            measurements = outcome.measurements
        }
        return nil
    }

    /// Seconds of failure for `runs` seeds (nil for runs that never failed).
    func secondsOfFailure(seconds: Int, runs: Int) -> [Int?] {
        (0..<runs).map { secondOfFailure(seconds: seconds, seed: UInt64($0) &* 7919 &+ 17) }
    }
}
