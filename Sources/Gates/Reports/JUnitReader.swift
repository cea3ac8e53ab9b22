import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads JUnit XML as pytest, jest-junit, Playwright, Maven Surefire and `swift test --xunit-output` write it.
///
/// `<testsuites>` or a lone `<testsuite>` root; nested suites; `<failure>`, `<error>`, `<skipped>` children; and
/// Surefire's `<flakyFailure>` / `<rerunFailure>` / `<flakyError>` / `<rerunError>` as earlier attempts of a retried test.
public enum JUnitReader {
    /// Reads and parses the file at `path`; the report and its errors name it as given.
    public static func read(contentsOf path: String) throws(ReportError) -> TestReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        return try parse(data, path: path)
    }

    /// Parses JUnit XML read from `path`.
    public static func parse(_ data: Data, path: String) throws(ReportError) -> TestReport {
        let delegate = JUnitParserDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), delegate.sawRoot, delegate.depth == 0 else {
            let line = parser.lineNumber > 0 ? parser.lineNumber : nil
            let reason =
                !delegate.sawRoot
                ? "not a JUnit report: expected a <testsuites> or <testsuite> root element"
                : delegate.depth != 0
                    ? "the report ends before its elements are closed; was it cut off?"
                    : (parser.parserError.map { "invalid XML: \($0.localizedDescription)" } ?? "invalid XML")
            throw ReportError(path: path, line: line, message: reason)
        }
        return TestReport(path: path, cases: delegate.cases)
    }
}

/// SAX handler that turns JUnit elements into `TestCaseResult`s.
final class JUnitParserDelegate: NSObject, XMLParserDelegate {
    var cases: [TestCaseResult] = []
    var sawRoot = false
    /// Elements opened and not yet closed; not 0 at the end means the file was cut off.
    var depth = 0
    private var suites: [(name: String, file: String?)] = []
    private var current: (className: String, name: String, file: String?, line: Int?, time: Double)?
    private var outcome: TestOutcome = .passed
    private var message: String?
    private var earlierAttempts: [(TestOutcome, String?)] = []
    private var pendingRerun: (TestOutcome, String?)?
    private var text = ""
    private var collecting = false

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        switch element {
        case "testsuites":
            sawRoot = true
        case "testsuite":
            sawRoot = true
            suites.append((attributes["name"] ?? "", attributes["file"] ?? attributes["filepath"]))
        case "testcase":
            current = (
                attributes["classname"] ?? "", attributes["name"] ?? "", attributes["file"] ?? suites.last?.file,
                Int(attributes["line"] ?? ""), Double(attributes["time"] ?? "") ?? 0
            )
            outcome = .passed
            message = nil
            earlierAttempts = []
        case "failure", "error":
            guard current != nil else { return }
            outcome = element == "failure" ? .failed : .errored
            message = attributes["message"]
            startText()
        case "skipped":
            guard current != nil else { return }
            if outcome == .passed { outcome = .skipped }
            message = message ?? attributes["message"]
        case "flakyFailure", "flakyError", "rerunFailure", "rerunError":
            guard current != nil else { return }
            pendingRerun = (element.hasSuffix("Error") ? .errored : .failed, attributes["message"])
            startText()
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if collecting { text += String(decoding: block, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        switch element {
        case "testsuite":
            _ = suites.popLast()
        case "failure", "error":
            if message == nil || message?.isEmpty == true { message = firstLine(text) }
            collecting = false
        case "flakyFailure", "flakyError", "rerunFailure", "rerunError":
            if let rerun = pendingRerun { earlierAttempts.append((rerun.0, rerun.1 ?? firstLine(text))) }
            pendingRerun = nil
            collecting = false
        case "testcase":
            guard let test = current else { return }
            let suite = suites.last?.name ?? ""
            // Surefire: flaky* children are failed attempts before a final pass; rerun* are failed retries after
            // the first failure, so the first <failure> is attempt 1 and each rerun follows it.
            var attempts: [(TestOutcome, String?)] = []
            if outcome == .passed || outcome == .skipped {
                attempts = earlierAttempts + [(outcome, message)]
            } else {
                attempts = [(outcome, message)] + earlierAttempts
            }
            for (index, attempt) in attempts.enumerated() {
                cases.append(
                    TestCaseResult(
                        suite: suite, className: test.className, name: test.name, file: test.file, line: test.line,
                        outcome: attempt.0,
                        duration: index == attempts.count - 1 ? test.time : 0, message: attempt.1, attempt: index + 1))
            }
            current = nil
        default:
            break
        }
    }

    private func startText() {
        text = ""
        collecting = true
    }

    private func firstLine(_ text: String) -> String? {
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
        return (line?.isEmpty ?? true) ? nil : line
    }
}
