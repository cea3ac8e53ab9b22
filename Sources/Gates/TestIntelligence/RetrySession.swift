/// The decisions of `gantry tests retry`, as a pure state machine: feed it each attempt's test results, it says
/// whether to re-run and, at the end, what the merged report holds and whether the step passed.
///
/// A test is re-run while its latest result is a failure (or an error), up to `maxRetries` re-runs after the first
/// attempt. Once a test has passed, later attempts that run it again (a re-run of the whole command) are not
/// recorded: its attempts always read as failures followed by at most one pass, as Surefire writes them.
public struct RetrySession: Sendable {
    /// What to do after an attempt.
    public enum Decision: Sendable, Hashable {
        /// Run again for these tests (their latest results).
        case rerun([TestCaseResult])
        /// Stop: every test passed, the re-runs are used up, or the command failed without a failed test to re-run.
        case finish
    }

    /// How many times failed tests may be re-run after the first attempt.
    public let maxRetries: Int
    /// How many attempts were recorded.
    public private(set) var attempts = 0
    /// The exit status of the latest attempt.
    public private(set) var lastExitStatus: Int32 = 0
    /// Whether the latest attempt failed (a non-zero exit status) with no failed test in its reports to explain it.
    public private(set) var lastFailureUnexplained = false
    /// Things the user should know, such as a failed test the re-run did not report.
    public private(set) var notes: [String] = []
    private var order: [String] = []
    private var results: [String: [TestCaseResult]] = [:]

    /// A session that re-runs failures at most `maxRetries` times.
    public init(maxRetries: Int) {
        self.maxRetries = max(0, maxRetries)
    }

    /// Records one attempt: the results of the reports it wrote (empty if none) and its exit status.
    public mutating func record(_ attemptResults: [TestCaseResult], exitStatus: Int32) -> Decision {
        attempts += 1
        lastExitStatus = exitStatus
        lastFailureUnexplained =
            exitStatus != 0 && !attemptResults.contains { $0.outcome == .failed || $0.outcome == .errored }
        let rerun = attempts == 1 ? nil : Set(failing.map(\.identifier))
        var reported = Set<String>()
        for result in attemptResults where rerun?.contains(result.identifier) ?? true {
            if results[result.identifier] == nil { order.append(result.identifier) }
            results[result.identifier, default: []].append(result)
            reported.insert(result.identifier)
        }
        for identifier in (rerun ?? []).subtracting(reported).sorted() {
            notes.append("attempt \(attempts) reported no result for \"\(identifier)\", which it was to re-run")
        }
        let failing = failing
        return failing.isEmpty || attempts > maxRetries ? .finish : .rerun(failing)
    }

    /// The latest result of each test whose latest result is a failure or an error, in report order.
    public var failing: [TestCaseResult] {
        order.compactMap { results[$0]?.last }.filter { $0.outcome == .failed || $0.outcome == .errored }
    }

    /// Whether any attempt reported a test.
    public var sawResults: Bool { !order.isEmpty }

    /// The identifiers of the tests that failed and then passed on a re-run: flaky evidence.
    public var passedOnRetry: [String] {
        order.filter { identifier in
            let attempts = results[identifier] ?? []
            return attempts.last?.outcome == .passed && attempts.dropLast().contains { $0.outcome != .passed }
        }
    }

    /// Every attempt of every test, in report order, numbered 1, 2, … per test: the merged report's content.
    public var mergedResults: [[TestCaseResult]] {
        order.map { identifier in
            (results[identifier] ?? []).enumerated().map { index, result in
                var result = result
                result.attempt = index + 1
                return result
            }
        }
    }

    /// Whether the step passed: no test's final result is a failure outside `quarantined`, and the command did not
    /// fail without a failing test to explain it; with the reason in one sentence.
    public func verdict(quarantined: Set<String>) -> (passed: Bool, reason: String) {
        guard sawResults else {
            return (false, "the command wrote no JUnit report (exit status \(lastExitStatus))")
        }
        let failing = failing
        let blocking = failing.filter { !quarantined.contains($0.identifier) }
        if let first = blocking.first {
            let more = blocking.count > 1 ? " and \(blocking.count - 1) more" : ""
            return (false, "\"\(first.identifier)\"\(more) still failed after \(attempts) attempts")
        }
        if failing.isEmpty && lastFailureUnexplained {
            return (false, "the command exited with status \(lastExitStatus) although no test failed")
        }
        if !failing.isEmpty {
            return (true, "only quarantined tests failed (\(failing.count)); they do not fail the step")
        }
        let flaky = passedOnRetry.count
        return (true, flaky == 0 ? "every test passed" : "every test passed, \(flaky) only on a retry (flaky)")
    }
}
