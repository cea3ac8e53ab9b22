import Foundation

extension GateResult {
    /// A step summary: the verdict as a heading, a table of every rule, then the evidence of each failed rule and
    /// the forgiven failures. Not masked: callers that show it in CI mask it first.
    public var markdown: String {
        var lines = ["## \(passed ? "✅" : "❌") Gate \(Self.escape(verdict.replacingPrefix("gate ", with: "")))", ""]
        lines += ["| | Rule | Actual | Expected |", "|---|---|---|---|"]
        for rule in rules {
            lines.append(
                "| \(rule.passed ? "✅" : "❌") | `\(rule.id)` | \(Self.escape(rule.actual)) | \(Self.escape(rule.expected)) |"
            )
        }
        for rule in failures where !rule.shownEvidence.isEmpty {
            let evidence = rule.shownEvidence
            lines += ["", "### ❌ `\(rule.id)`", "", "Threshold at `\(rule.policyLocation)`.", ""]
            lines += evidence.prefix(Self.evidenceLimit).map { "- " + Self.markdown($0) }
            if evidence.count > Self.evidenceLimit {
                lines.append("- … and \(evidence.count - Self.evidenceLimit) more")
            }
        }
        if !forgiven.isEmpty {
            lines += [
                "", "### Forgiven: \(NumberText.count(forgiven.count, "quarantined failure"))", "",
                "These tests are quarantined: they ran and failed, but did not fail the gate.", "",
            ]
            lines += forgiven.map { failure in
                let outcome = failure.test.outcome == .errored ? "errored" : "failed"
                let message = failure.test.message.map { "\(outcome): \($0)" } ?? outcome
                return "- "
                    + Self.markdown(TestsPolicy.item(failure.test, report: failure.report).with(message: message))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `` `file:line` `subject`: message ``.
    static func markdown(_ item: EvidenceItem) -> String {
        var parts: [String] = []
        if let file = item.file { parts.append(code(file + (item.line.map { ":\($0)" } ?? ""))) }
        if let subject = item.subject { parts.append(code(subject)) }
        let head = parts.joined(separator: " ")
        guard let message = item.message, !message.isEmpty else { return head }
        return head.isEmpty ? escape(message) : head + ": " + escape(message)
    }

    /// A code span; a backtick inside would end it early.
    static func code(_ text: String) -> String {
        "`" + text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ") + "`"
    }

    /// Text safe inside a table cell or list item: no pipes, tags or line breaks.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "*", with: "\\*").replacingOccurrences(of: "_", with: "\\_")
            .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            .replacingOccurrences(of: "`", with: "\\`")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
