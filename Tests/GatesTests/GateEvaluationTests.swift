import Diagnostics
import Testing

@testable import Gates

@Suite("Gate evaluation")
struct GateEvaluationTests {
    static func policy(_ yaml: String) throws -> GatePolicy {
        let (policy, diagnostics) = GatePolicy.parse(yaml, file: "gates.yml")
        return try #require(policy, "\(diagnostics.map(\.rendered))")
    }

    static func test(
        _ name: String, _ outcome: TestOutcome, className: String = "tests.test_app", message: String? = nil
    )
        -> TestCaseResult
    {
        TestCaseResult(
            suite: "pytest", className: className, name: name, file: "tests/test_app.py", line: 10, outcome: outcome,
            duration: 0.1, message: message ?? (outcome == .passed ? nil : "AssertionError"))
    }

    static func tests(_ cases: [TestCaseResult], path: String = "reports/junit.xml") -> Evidence<TestReport> {
        Evidence(items: [TestReport(path: path, cases: cases)], sources: [path])
    }

    static func rule(_ result: GateResult, _ id: String) throws -> RuleResult {
        try #require(result.rules.first { $0.id == id }, "no rule \(id) in \(result.rules.map(\.id))")
    }

    struct TestsCase: Sendable, CustomTestStringConvertible {
        var name: String
        var policy: String
        var outcomes: [TestOutcome]
        var failing: [String]
        var testDescription: String { name }
    }

    @Test(
        "test thresholds decide on the final outcome of each test",
        arguments: [
            TestsCase(name: "all passed", policy: "tests:", outcomes: [.passed, .passed], failing: []),
            TestsCase(
                name: "one failure over max 0", policy: "tests:", outcomes: [.passed, .failed],
                failing: ["tests.max-failed"]),
            TestsCase(
                name: "one failure within max 1", policy: "tests:\n  max-failed: 1", outcomes: [.failed, .passed],
                failing: []),
            TestsCase(
                name: "an error", policy: "tests:", outcomes: [.errored, .passed], failing: ["tests.max-errored"]),
            TestsCase(
                name: "only skipped ran nothing", policy: "tests:", outcomes: [.skipped, .skipped],
                failing: ["tests.min-tests"]),
            TestsCase(
                name: "fewer than min-tests", policy: "tests:\n  min-tests: 3", outcomes: [.passed, .passed],
                failing: ["tests.min-tests"]),
            TestsCase(
                name: "zero allowed to run", policy: "tests:\n  min-tests: 0", outcomes: [], failing: []),
        ])
    func testRules(_ example: TestsCase) throws {
        let cases = example.outcomes.enumerated().map { Self.test("test_\($0.offset)", $0.element) }
        let result = try Self.policy(example.policy).evaluate(GateEvidence(tests: Self.tests(cases)))
        #expect(result.failures.map(\.id) == example.failing)
        #expect(result.passed == example.failing.isEmpty)
    }

    @Test("zero tests ran fails the gate, even though nothing failed")
    func zeroTests() throws {
        let result = try Self.policy("tests:").evaluate(GateEvidence(tests: Self.tests([])))
        #expect(!result.passed)
        let rule = try Self.rule(result, "tests.min-tests")
        #expect(rule.summary == "0 tests ran; expected at least 1")
        #expect(rule.evidence.map(\.description) == ["reports/junit.xml: 0 tests ran"])
        #expect(try Self.rule(result, "tests.max-failed").passed)
    }

    @Test("missing evidence fails every rule of its section with what was missing")
    func missingEvidence() throws {
        let policy = try Self.policy(
            "tests:\ncoverage:\n  min-lines: 80\nsarif:\nmetrics:\n  - { file: l.json, path: a.b, min: 1 }")
        let evidence = GateEvidence(
            tests: .missing("no file matched reports/**/*.xml"),
            coverage: Evidence(
                sources: ["lcov.info"],
                problems: [EvidenceProblem(path: "lcov.info", line: 3, message: "invalid DA: line")]),
            sarif: .init(), metrics: [])
        let result = policy.evaluate(evidence)
        #expect(!result.passed)
        #expect(result.rules.allSatisfy { !$0.passed })
        #expect(try Self.rule(result, "tests.max-failed").actual == "no evidence: no file matched reports/**/*.xml")
        #expect(try Self.rule(result, "coverage.min-lines").actual == "no evidence: lcov.info:3: invalid DA: line")
        #expect(
            try Self.rule(result, "coverage.min-lines").evidence == [
                EvidenceItem(file: "lcov.info", line: 3, message: "invalid DA: line")
            ])
        #expect(try Self.rule(result, "sarif.max.error").actual == "no evidence: nothing was read")
        #expect(try Self.rule(result, "metrics.a.b").actual == "no evidence: nothing was read")
    }

    @Test("one unreadable report of several still fails: the others cannot speak for it")
    func incompleteEvidence() throws {
        var evidence = Self.tests([Self.test("test_ok", .passed)])
        evidence.problems.append(EvidenceProblem(path: "reports/b.xml", line: 1, message: "invalid XML"))
        let result = try Self.policy("tests:").evaluate(GateEvidence(tests: evidence))
        #expect(result.failures.count == 3)
        #expect(try Self.rule(result, "tests.max-failed").actual == "incomplete evidence: reports/b.xml:1: invalid XML")
    }

    @Test("a quarantined failure is forgiven and listed; the rest still count")
    func quarantine() throws {
        let cases = [
            Self.test("test_flaky", .failed, className: "tests.test_net", message: "ConnectionError"),
            Self.test("test_boom", .errored, className: "tests.test_db", message: "OperationalError"),
            Self.test("test_ok", .passed),
        ]
        let policy = try Self.policy("tests:\n  quarantine: [ \"tests.test_net::test_flaky\" ]")
        let result = policy.evaluate(GateEvidence(tests: Self.tests(cases)))
        #expect(result.forgiven.map(\.test.identifier) == ["tests.test_net::test_flaky"])
        #expect(try Self.rule(result, "tests.max-failed").passed)
        #expect(try Self.rule(result, "tests.max-failed").actual == "0 tests failed (1 more forgiven: quarantined)")
        #expect(try !Self.rule(result, "tests.max-errored").passed)
        #expect(try Self.rule(result, "tests.min-tests").actual == "3 tests ran")

        let both = policy.evaluate(GateEvidence(tests: Self.tests(cases)), quarantined: ["tests.test_db::test_boom"])
        #expect(both.passed)
        #expect(both.forgiven.map(\.test.identifier) == ["tests.test_net::test_flaky", "tests.test_db::test_boom"])
    }

    @Test("a quarantined test that passes is not listed as forgiven")
    func quarantinedPass() throws {
        let result = try Self.policy("tests:").evaluate(
            GateEvidence(tests: Self.tests([Self.test("test_ok", .passed)])), quarantined: ["tests.test_app::test_ok"])
        #expect(result.passed && result.forgiven.isEmpty)
    }

    @Test("a retried test counts by its final attempt")
    func retried() throws {
        var first = Self.test("test_retry", .failed)
        first.attempt = 1
        var second = Self.test("test_retry", .passed)
        second.attempt = 2
        let result = try Self.policy("tests:").evaluate(GateEvidence(tests: Self.tests([first, second])))
        #expect(result.passed)
    }
}
