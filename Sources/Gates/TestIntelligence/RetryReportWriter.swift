/// Writes the attempts of retried tests as one JUnit report, in Maven Surefire's convention for re-runs, which
/// ``JUnitReader`` reads back attempt by attempt.
///
/// A test that passed after failing has one `<flakyFailure>` (or `<flakyError>`) per failed attempt and no
/// `<failure>`; a test that failed every attempt has a `<failure>` (or `<error>`) for the first attempt and one
/// `<rerunFailure>` (or `<rerunError>`) per later one. Tests are grouped in `<testsuite>` elements by suite, in the
/// order they first appear; `time` is the last attempt's.
public enum RetryReportWriter {
    /// The report for `tests`: each element is the attempts of one test, in order.
    public static func xml(_ tests: [[TestCaseResult]], name: String = "gantry-retry") -> String {
        var suiteOrder: [String] = []
        var suites: [String: [[TestCaseResult]]] = [:]
        for attempts in tests where !attempts.isEmpty {
            let suite = attempts[attempts.count - 1].suite
            if suites[suite] == nil { suiteOrder.append(suite) }
            suites[suite, default: []].append(attempts)
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(escape(name))\"\(counts(tests.compactMap(\.last)))>\n"
        for suite in suiteOrder {
            let members = suites[suite] ?? []
            xml += "  <testsuite name=\"\(escape(suite))\"\(counts(members.compactMap(\.last)))>\n"
            for attempts in members { xml += testCase(attempts) }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func testCase(_ attempts: [TestCaseResult]) -> String {
        let final = attempts[attempts.count - 1]
        var attributes = "classname=\"\(escape(final.className))\" name=\"\(escape(final.name))\""
        if let file = final.file { attributes += " file=\"\(escape(file))\"" }
        if let line = final.line { attributes += " line=\"\(line)\"" }
        attributes += " time=\"\(final.duration)\""
        var children: [String] = []
        let failed = { (result: TestCaseResult) in result.outcome == .failed || result.outcome == .errored }
        if failed(final) {
            // Surefire: the first failure is the <failure>; the re-runs that also failed follow it.
            let first = attempts[0]
            children.append(element(first.outcome == .errored ? "error" : "failure", first.message))
            for rerun in attempts.dropFirst() where failed(rerun) {
                children.append(element(rerun.outcome == .errored ? "rerunError" : "rerunFailure", rerun.message))
            }
        } else {
            for earlier in attempts.dropLast() where failed(earlier) {
                children.append(element(earlier.outcome == .errored ? "flakyError" : "flakyFailure", earlier.message))
            }
            if final.outcome == .skipped { children.append(element("skipped", final.message)) }
        }
        guard !children.isEmpty else { return "    <testcase \(attributes)/>\n" }
        return "    <testcase \(attributes)>\n" + children.map { "      \($0)\n" }.joined() + "    </testcase>\n"
    }

    private static func element(_ name: String, _ message: String?) -> String {
        guard let message else { return "<\(name)/>" }
        return "<\(name) message=\"\(escape(message))\">\(escape(message))</\(name)>"
    }

    private static func counts(_ finals: [TestCaseResult]) -> String {
        let count = { (outcome: TestOutcome) in finals.filter { $0.outcome == outcome }.count }
        return " tests=\"\(finals.count)\" failures=\"\(count(.failed))\" errors=\"\(count(.errored))\""
            + " skipped=\"\(count(.skipped))\""
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\n": escaped += "&#10;"
            case "\t": escaped += "&#9;"
            case "\r": escaped += "&#13;"
            // Other control characters are not allowed in XML 1.0 at all.
            case _ where scalar.value < 0x20: escaped += "?"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
