import Foundation

/// What the store knows about one test across runs: its latest names, when it was seen, its last failure and the
/// summaries of its recent runs.
///
/// This is the aggregate that flaky-test analysis works on; the store builds it without reading the test's
/// individual attempts.
public struct TestHistory: Sendable, Hashable, Codable {
    /// The test's identifier, `classname::name` or `suite::name`.
    public var identifier: String
    /// The suite of its latest run.
    public var suite: String
    /// The class name of its latest run, or empty.
    public var className: String
    /// The name of its latest run.
    public var name: String
    /// The source file of its latest run that named one.
    public var file: String?
    /// When it was first ingested.
    public var firstSeenAt: Date
    /// When it was last ingested.
    public var lastSeenAt: Date
    /// The message of its most recent failed or errored attempt.
    public var lastFailureMessage: String?
    /// When its most recent failure was ingested.
    public var lastFailureAt: Date?
    /// The commit of its most recent failure.
    public var lastFailureCommit: String?
    /// Its most recent runs, oldest first: at most ``TestRunSummary/retainedRuns``, skipped runs included.
    public var runs: [TestRunSummary]

    /// Creates a history.
    public init(
        identifier: String,
        suite: String,
        className: String,
        name: String,
        file: String? = nil,
        firstSeenAt: Date,
        lastSeenAt: Date,
        lastFailureMessage: String? = nil,
        lastFailureAt: Date? = nil,
        lastFailureCommit: String? = nil,
        runs: [TestRunSummary]
    ) {
        self.identifier = identifier
        self.suite = suite
        self.className = className
        self.name = name
        self.file = file
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.lastFailureMessage = lastFailureMessage
        self.lastFailureAt = lastFailureAt
        self.lastFailureCommit = lastFailureCommit
        self.runs = runs
    }
}

/// Which tests ``TestHistoryStore/testHistories(_:)`` returns.
public enum TestHistoryFilter: Sendable, Hashable {
    /// Every test ever ingested.
    case all
    /// The tests with at least one kept run that did not simply pass: a failure, a retry or a flip. A test whose
    /// kept runs all passed (or were skipped) cannot be flaky, so flaky analysis needs only these.
    case unstable
    /// The tests with these identifiers; unknown identifiers are left out.
    case identifiers(Set<String>)
}
