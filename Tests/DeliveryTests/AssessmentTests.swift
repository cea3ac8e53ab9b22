import Delivery
import Foundation
import Testing

@Suite("assessment")
struct AssessmentTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func template(
        success: String? = "result < 0.05", failure: String? = nil, count: Int? = 5, failureLimit: Int = 0,
        inconclusiveLimit: Int = 0, minSamples: Int = 1
    ) -> AnalysisTemplate {
        AnalysisTemplate(
            name: "error-rate", provider: .prometheus(address: nil, query: "rate(errors[1m])"), interval: .seconds(30),
            count: count, successCondition: success.map { try! AnalysisCondition($0) },
            failureCondition: failure.map { try! AnalysisCondition($0) }, failureLimit: failureLimit,
            inconclusiveLimit: inconclusiveLimit, minSamples: minSamples)
    }

    static func measurements(_ values: [Double?], errors: Set<Int> = []) -> [MetricMeasurement] {
        values.enumerated().map { index, value in
            MetricMeasurement(
                value: value, raw: value.map { "{\"value\": \($0)}" } ?? "[]", query: "rate(errors[1m])",
                at: start.addingTimeInterval(Double(index) * 30), error: errors.contains(index) ? "HTTP 503" : nil)
        }
    }

    @Test(
        "verdicts follow the limits, as Argo's assessMetricStatus does",
        arguments: [
            ([0.01, 0.02, 0.2], 0, 5, Verdict?.some(.fail), "failed (1) > failureLimit (0)"),
            ([0.1, 0.2, 0.01, 0.3], 2, 5, .fail, "failed (3) > failureLimit (2)"),
            ([0.1, 0.2, 0.01], 2, 5, nil, "running: 3 of 5 measurements, failed (2) ≤ failureLimit (2)"),
            ([0.01, 0.02, 0.03, 0.04, 0.01], 0, 5, .pass, "successful (5) of 5, failed (0) ≤ failureLimit (0)"),
            ([0.01, 0.02, 0.5, 0.04, 0.01], 1, 5, .pass, "successful (4) of 5, failed (1) ≤ failureLimit (1)"),
        ] as [([Double?], Int, Int, Verdict?, String)]
    )
    func limits(values: [Double?], failureLimit: Int, count: Int, verdict: Verdict?, message: String) {
        let outcome = assess(
            measurements: Self.measurements(values), template: Self.template(count: count, failureLimit: failureLimit))
        #expect(outcome.verdict == verdict)
        #expect(outcome.message == message)
    }

    @Test("no data never fails: all-empty measurements end in noData, and too few samples too")
    func noData() {
        let empty = assess(measurements: Self.measurements([nil, nil, nil, nil, nil]), template: Self.template())
        #expect(empty.verdict == .noData)
        #expect(empty.message == "measurements with data (0) < minSamples (1)")
        #expect(empty.counts.noData == 5)
        let sparse = assess(
            measurements: Self.measurements([nil, 0.01, nil, 0.02, nil]), template: Self.template(minSamples: 3))
        #expect(sparse.verdict == .noData)
        #expect(sparse.message == "measurements with data (2) < minSamples (3)")
    }

    @Test("consecutive provider errors beyond the limit are inconclusive, and a success resets the run")
    func errors() {
        let failing = assess(
            measurements: Self.measurements([0.01, nil, nil, nil, nil, nil], errors: [1, 2, 3, 4, 5]),
            template: Self.template(count: 10))
        #expect(failing.verdict == .inconclusive)
        #expect(failing.message == "consecutiveErrors (5) > consecutiveErrorLimit (4)")
        let recovering = assess(
            measurements: Self.measurements([nil, nil, nil, 0.01, nil, nil, nil], errors: [0, 1, 2, 4, 5, 6]),
            template: Self.template(count: 10))
        #expect(recovering.verdict == nil)
        #expect(recovering.counts.error == 6)
        #expect(recovering.counts.consecutiveErrors == 3)
    }

    @Test("with both conditions a value that meets neither is inconclusive")
    func inconclusive() {
        let outcome = assess(
            measurements: Self.measurements([0.01, 0.07]),
            template: Self.template(success: "result < 0.05", failure: "result > 0.1"))
        #expect(outcome.verdict == .inconclusive)
        #expect(outcome.message == "inconclusive (1) > inconclusiveLimit (0)")
        #expect(outcome.measurements[1].phase == .inconclusive)
        #expect(outcome.measurements[1].message == "neither condition is true (result = 0.07)")
    }

    @Test("every measurement keeps its query, raw answer, value, condition and phase")
    func evidence() throws {
        let outcome = assess(measurements: Self.measurements([0.01, 0.2]), template: Self.template())
        let failed = try #require(outcome.measurements.last)
        #expect(failed.phase == .failed)
        #expect(failed.condition == "result < 0.05")
        #expect(failed.query == "rate(errors[1m])")
        #expect(failed.raw == "{\"value\": 0.2}")
        #expect(failed.value == 0.2)
        #expect(failed.message == "successCondition result < 0.05 is false (result = 0.2)")
        let data = try JSONEncoder().encode(outcome)
        #expect(try JSONDecoder().decode(AnalysisOutcome.self, from: data) == outcome)
    }

    @Test("a condition on the baseline with no baseline value counts as no data, not as a failure")
    func missingBaseline() {
        let outcome = assess(
            measurements: Self.measurements([0.5]),
            template: Self.template(success: "result <= baseline * 1.2", count: 1))
        #expect(outcome.measurements[0].phase == .noData)
        #expect(outcome.verdict == .noData)
    }

    @Test("an analysis without a count runs until stopped and never passes on its own")
    func unbounded() {
        let outcome = assess(
            measurements: Self.measurements(Array(repeating: 0.01, count: 500)), template: Self.template(count: nil))
        #expect(outcome.verdict == nil)
        #expect(outcome.message == "running: 500 measurements, failed (0) ≤ failureLimit (0)")
    }
}
