import Delivery
import Testing

@Suite("analysis conditions")
struct AnalysisConditionTests {
    @Test(
        "conditions evaluate over result, baseline and stable",
        arguments: [
            ("result < 0.05", 0.01, nil, true),
            ("result < 0.05", 0.05, nil, false),
            ("result <= baseline * 1.2", 1.1, 1.0, true),
            ("result <= baseline * 1.2", 1.3, 1.0, false),
            ("result - baseline < 0.01 || result < 0.001", 0.0005, 0.9, true),
            ("result > 0 && result / baseline >= 2", 0.04, 0.02, true),
            ("!(result > 1)", 0.5, nil, true),
            ("-result < -1", 2, nil, true),
            ("result < 1 + 2 * 3", 6.5, nil, true),
            ("abs(result - baseline) < 0.5", 1.2, 1.5, true),
            ("max(result, baseline) == 3", 1, 3, true),
            ("result <= 5%", 0.05, nil, true),
            ("result == 200", 200, nil, true),
            ("result != 200", 200, nil, false),
            ("true", 0, nil, true),
            ("result / baseline < 2", 1, 0, false),
        ] as [(String, Double, Double?, Bool)]
    )
    func evaluate(source: String, result: Double, baseline: Double?, expected: Bool) throws {
        let condition = try AnalysisCondition(source)
        #expect(condition.evaluate(result: result, baseline: baseline, stable: nil) == .value(expected))
    }

    @Test("a condition reading a value the measurement lacks reports it missing")
    func missing() throws {
        let condition = try AnalysisCondition("result < stable * 1.1")
        #expect(condition.evaluate(result: 1, baseline: nil, stable: nil) == .missing("stable"))
        #expect(condition.referencedNames == ["result", "stable"])
        let shortCircuit = try AnalysisCondition("result < 1 || baseline < 1")
        #expect(shortCircuit.evaluate(result: 0.5) == .value(true))
    }

    @Test(
        "mistakes are reported with their offset",
        arguments: [
            ("reslt < 0.05", "unknown name \"reslt\"; did you mean \"result\"?", 0),
            (
                "result * 2",
                "a condition must be true or false, but it is a number; compare it, such as \"result < 0.05\"", 0
            ),
            ("result < 0.05 &&", "the condition ends where a value was expected", 16),
            ("(result < 1", "expected \")\" to close the \"(\"", 0),
            ("result < 1 result", "unexpected \"r\" after a complete condition", 11),
            ("result && true", "\"&&\" takes true or false, but this is a number", 0),
            ("result < true", "\"<\" takes numbers, but this is true or false", 9),
            ("abs(result, 1) > 0", "function \"abs\" takes 1 argument, got 2", 0),
            ("", "the condition is empty", 0),
            ("result < $", "unexpected \"$\", expected a number, a name or \"(\"", 9),
            ("latency < 3", "unknown name \"latency\"; a condition may read \"result\", \"baseline\", \"stable\"", 0),
        ] as [(String, String, Int)]
    )
    func errors(source: String, message: String, offset: Int) {
        #expect(throws: ConditionError(message, offset: offset)) { try AnalysisCondition(source) }
    }
}
