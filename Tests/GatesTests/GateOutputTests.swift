import Foundation
import Testing

@testable import Gates

@Suite("Gate output: text, Markdown, JSON")
struct GateOutputTests {
    static let failedTest = TestCaseResult(
        suite: "jest", className: "cart | totals", name: "adds <b>tax</b>", file: nil, outcome: .failed, duration: 0,
        message: "expected 1_000 but got *2*")
    static let flaky = TestCaseResult(
        suite: "pytest", className: "tests.test_net", name: "test_flaky", file: "tests/test_net.py", line: 4,
        outcome: .errored,
        duration: 0, message: "ConnectionError")

    static let result = GateResult(
        policy: ".gantry/gates.yml",
        rules: [
            RuleResult(
                id: "tests.max-failed", passed: false, actual: "1 test failed", expected: "at most 0",
                policyLocation: ".gantry/gates.yml:3:15",
                evidence: [TestsPolicy.item(failedTest, report: "reports/jest.xml")]),
            RuleResult(
                id: "coverage.min-lines", passed: true, actual: "line coverage 90% (9 of 10 lines)",
                expected: "at least 80%",
                policyLocation: ".gantry/gates.yml:5:14"),
            RuleResult(
                id: "sarif.max.error", passed: false, actual: "no evidence: no file matched scan/*.sarif",
                expected: "at most 0",
                policyLocation: ".gantry/gates.yml:7:3",
                evidence: [EvidenceItem(message: "no file matched scan/*.sarif")]),
        ],
        forgiven: [ForgivenFailure(test: flaky, report: "reports/pytest.xml")])

    @Test("text: a line per rule, evidence indented, forgiven failures, the verdict last")
    func text() {
        #expect(
            Self.result.text == """
                FAIL tests.max-failed: 1 test failed; expected at most 0 (.gantry/gates.yml:3:15)
                    reports/jest.xml cart | totals::adds <b>tax</b>: expected 1_000 but got *2*
                PASS coverage.min-lines: line coverage 90% (9 of 10 lines); expected at least 80%
                FAIL sarif.max.error: no evidence: no file matched scan/*.sarif; expected at most 0 (.gantry/gates.yml:7:3)
                forgiven: 1 quarantined failure did not fail the gate
                    tests/test_net.py:4 tests.test_net::test_flaky: errored: ConnectionError
                gate failed: 2 of 3 rules failed, 1 quarantined failure forgiven
                """)
    }

    @Test("Markdown: a table of rules, evidence per failed rule, forgiven list; user text cannot break the layout")
    func markdown() {
        #expect(
            Self.result.markdown == """
                ## ❌ Gate failed: 2 of 3 rules failed, 1 quarantined failure forgiven

                | | Rule | Actual | Expected |
                |---|---|---|---|
                | ❌ | `tests.max-failed` | 1 test failed | at most 0 |
                | ✅ | `coverage.min-lines` | line coverage 90% (9 of 10 lines) | at least 80% |
                | ❌ | `sarif.max.error` | no evidence: no file matched scan/\\*.sarif | at most 0 |

                ### ❌ `tests.max-failed`

                Threshold at `.gantry/gates.yml:3:15`.

                - `reports/jest.xml` `cart | totals::adds <b>tax</b>`: expected 1\\_000 but got \\*2\\*

                ### Forgiven: 1 quarantined failure

                These tests are quarantined: they ran and failed, but did not fail the gate.

                - `tests/test_net.py:4` `tests.test_net::test_flaky`: errored: ConnectionError

                """)
    }

    @Test("long evidence is cut at the limit in text and Markdown, and kept whole in JSON")
    func limit() throws {
        let items = (1...25).map { EvidenceItem(file: "a.swift", line: $0, subject: "rule", message: "finding") }
        let result = GateResult(
            policy: "g.yml",
            rules: [
                RuleResult(
                    id: "sarif.max.warning", passed: false, actual: "25 warning findings", expected: "at most 0",
                    policyLocation: "g.yml:1:1", evidence: items)
            ],
            forgiven: [])
        let text = result.text.split(separator: "\n")
        #expect(text.count == 1 + 20 + 1 + 1)
        #expect(text[21] == "    ... and 5 more")
        #expect(result.markdown.contains("- … and 5 more\n"))
        let decoded = try JSONDecoder().decode(GateResult.self, from: Data(try result.json().utf8))
        #expect(decoded == result)
        #expect(decoded.rules[0].evidence.count == 25)
    }

    @Test("a passing result says so, in text and Markdown")
    func passing() {
        let result = GateResult(
            policy: "g.yml",
            rules: [
                RuleResult(
                    id: "tests.min-tests", passed: true, actual: "3 tests ran", expected: "at least 1",
                    policyLocation: "g.yml:1:1")
            ],
            forgiven: [])
        #expect(result.text == "PASS tests.min-tests: 3 tests ran; expected at least 1\ngate passed: 1 rule passed")
        #expect(result.markdown.hasPrefix("## ✅ Gate passed: 1 rule passed\n"))
    }

    @Test(
        "numbers print short and are never rounded up past a threshold",
        arguments: [
            (79.996, "79.99"), (80, "80"), (28.999999999999996, "29"), (0.5, "0.5"), (1.0 / 3.0 * 100, "33.33"),
        ])
    func numbers(value: Double, text: String) {
        #expect(NumberText.truncated(value) == text)
    }
}
