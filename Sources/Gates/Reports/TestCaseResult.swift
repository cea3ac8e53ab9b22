/// How one run of one test ended.
public enum TestOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case passed, failed, errored, skipped
}

/// One test case as a report recorded it; a test retried in the same run appears once per attempt.
public struct TestCaseResult: Sendable, Hashable, Codable {
    /// The `<testsuite name>` it was in.
    public var suite: String
    /// `classname` when the report has one (pytest, Surefire, jest-junit, XCTest), else empty.
    public var className: String
    public var name: String
    public var file: String?
    /// The line of the test in `file`, when the report has one (pytest's `line`).
    public var line: Int?
    public var outcome: TestOutcome
    /// Seconds.
    public var duration: Double
    /// The failure or error message (first line of it), when the test did not pass.
    public var message: String?
    /// 1 for the first run, 2 for the first retry, ...
    public var attempt: Int

    public init(
        suite: String, className: String, name: String, file: String?, line: Int? = nil, outcome: TestOutcome,
        duration: Double, message: String?, attempt: Int = 1
    ) {
        self.suite = suite
        self.className = className
        self.name = name
        self.file = file
        self.line = line
        self.outcome = outcome
        self.duration = duration
        self.message = message
        self.attempt = attempt
    }

    /// A stable identity across runs: `classname::name`, or `suite::name` when there is no class.
    public var identifier: String {
        (className.isEmpty ? suite : className) + "::" + name
    }
}

/// The test cases of one JUnit XML file.
public struct TestReport: Sendable {
    public var path: String
    public var cases: [TestCaseResult]

    public init(path: String, cases: [TestCaseResult]) {
        self.path = path
        self.cases = cases
    }

    /// The final attempt of each run of each test (what the run's result was).
    ///
    /// A retry follows its test with a higher `attempt`; the same test again at attempt 1 or lower (a Playwright
    /// project, a matrix leg merged into one file) is another run, so a pass in one cannot hide a failure in another.
    public var finalResults: [TestCaseResult] {
        var results: [TestCaseResult] = []
        var current: [String: Int] = [:]
        for result in cases {
            if let index = current[result.identifier], results[index].attempt < result.attempt {
                results[index] = result
            } else {
                current[result.identifier] = results.count
                results.append(result)
            }
        }
        return results
    }

    /// How many tests ended with `outcome`, by their final attempt.
    public func count(_ outcome: TestOutcome) -> Int { finalResults.filter { $0.outcome == outcome }.count }
}

/// A report that could not be read: which file, where, and why.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line ?? 1):1: \(message)" }
}
