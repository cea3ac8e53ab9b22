import Testing

@testable import Gates

@Suite("SARIF and metric evaluation")
struct FindingsEvaluationTests {
    static let log = SarifLog(
        path: "scan/semgrep.sarif", tools: ["Semgrep"],
        findings: [
            SarifFinding(
                tool: "Semgrep", ruleID: "secret-key", level: .error, message: "Hardcoded key.", uri: "app/settings.py",
                line: 12),
            SarifFinding(
                tool: "Semgrep", ruleID: "xss", level: .warning, message: "User input in response.",
                uri: "app/views.py", line: 31),
            SarifFinding(
                tool: "Semgrep", ruleID: "xss", level: .warning, message: "User input in response.", uri: "app/api.py",
                line: 8),
            SarifFinding(
                tool: "Semgrep", ruleID: "style", level: .note, message: "Long line.", uri: "app/api.py", line: 1),
        ])

    static func evaluate(_ yaml: String) throws -> GateResult {
        try GateEvaluationTests.policy(yaml).evaluate(GateEvidence(sarif: Evidence(items: [log], sources: [log.path])))
    }

    @Test(
        "each level's count is compared with its own maximum; unnamed levels are not limited",
        arguments: [
            ("sarif:", ["sarif.max.error": false]),
            ("sarif:\n  max: { error: 1 }", ["sarif.max.error": true]),
            ("sarif:\n  max: { error: 1, warning: 1 }", ["sarif.max.error": true, "sarif.max.warning": false]),
            ("sarif:\n  max: { warning: 2, note: 0 }", ["sarif.max.warning": true, "sarif.max.note": false]),
        ])
    func levels(yaml: String, passed: [String: Bool]) throws {
        let result = try Self.evaluate(yaml)
        #expect(Dictionary(uniqueKeysWithValues: result.rules.map { ($0.id, $0.passed) }) == passed)
    }

    @Test("a failing level lists each finding with file, line, rule and message")
    func evidence() throws {
        let rule = try GateEvaluationTests.rule(try Self.evaluate("sarif:"), "sarif.max.error")
        #expect(rule.summary == "1 error finding; expected at most 0")
        #expect(rule.evidence.map(\.description) == ["app/settings.py:12 secret-key: Hardcoded key."])
    }

    @Test(
        "a metric passes inside its bounds and fails outside them",
        arguments: [
            ("min: 0.8", 0.72, false, "at least 0.8"),
            ("min: 0.7", 0.72, true, "at least 0.7"),
            ("max: 0.72", 0.72, true, "at most 0.72"),
            ("{ min: 0.5, max: 0.7 }", 0.72, false, "between 0.5 and 0.7"),
        ])
    func metric(bounds: String, value: Double, passed: Bool, expected: String) throws {
        let inline = bounds.hasPrefix("{") ? String(bounds.dropFirst().dropLast()) : bounds
        let policy = try GateEvaluationTests.policy(
            "metrics:\n  - { name: perf, file: lighthouse.json, path: categories.performance.score, \(inline) }")
        let result = policy.evaluate(GateEvidence(metrics: [Evidence(items: [value], sources: ["lighthouse.json"])]))
        let rule = try GateEvaluationTests.rule(result, "metrics.perf")
        #expect(rule.passed == passed)
        #expect(rule.actual == "$.categories.performance.score is 0.72")
        #expect(rule.expected == expected)
    }

    @Test("a metric whose file is missing fails with what was missing")
    func missingMetric() throws {
        let policy = try GateEvaluationTests.policy("metrics:\n  - { file: lighthouse.json, path: a, min: 1 }")
        let result = policy.evaluate(GateEvidence(metrics: [.missing("no file matched lighthouse.json")]))
        #expect(result.failures.map(\.actual) == ["no evidence: no file matched lighthouse.json"])
    }

    @Test("a policy without rules never passes")
    func noRules() {
        let result = GatePolicy(file: "gates.yml").evaluate(GateEvidence())
        #expect(!result.passed)
        #expect(result.verdict == "gate failed: the policy has no rules")
    }
}
