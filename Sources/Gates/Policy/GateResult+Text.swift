import Foundation

extension GateResult {
    /// How many evidence lines a rule shows in text and Markdown before "and N more"; JSON has them all.
    public static let evidenceLimit = 20

    /// One line per rule (`PASS`/`FAIL`, actual and threshold), its evidence indented below, then the forgiven
    /// failures and the verdict.
    public var text: String {
        var lines: [String] = []
        for rule in rules {
            let place = rule.passed ? "" : " (\(rule.policyLocation))"
            lines.append("\(rule.passed ? "PASS" : "FAIL") \(rule.id): \(rule.summary)\(place)")
            let evidence = rule.shownEvidence
            for item in evidence.prefix(Self.evidenceLimit) { lines.append("    " + item.description) }
            if evidence.count > Self.evidenceLimit {
                lines.append("    ... and \(evidence.count - Self.evidenceLimit) more")
            }
        }
        if !forgiven.isEmpty {
            lines.append(
                "forgiven: \(NumberText.count(forgiven.count, "quarantined failure")) did not fail the gate")
            for failure in forgiven { lines.append("    " + failure.description) }
        }
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }

    /// `gate passed: 7 rules passed`, `gate failed: 2 of 7 rules failed`.
    public var verdict: String {
        if rules.isEmpty { return "gate failed: the policy has no rules" }
        let forgivenNote =
            forgiven.isEmpty ? "" : ", \(NumberText.count(forgiven.count, "quarantined failure")) forgiven"
        return passed
            ? "gate passed: \(NumberText.count(rules.count, "rule")) passed\(forgivenNote)"
            : "gate failed: \(failures.count) of \(NumberText.count(rules.count, "rule")) failed\(forgivenNote)"
    }

    /// The result as pretty-printed JSON with sorted keys, for `--format json`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension ForgivenFailure: CustomStringConvertible {
    /// `tests/test_net.py tests.test_net::test_flaky: failed: ConnectionError`.
    public var description: String {
        let outcome = test.outcome == .errored ? "errored" : "failed"
        let message = test.message.map { "\(outcome): \($0)" } ?? outcome
        return TestsPolicy.item(test, report: report).with(message: message).description
    }
}

extension EvidenceItem {
    func with(message: String?) -> EvidenceItem {
        var copy = self
        copy.message = message
        return copy
    }
}
