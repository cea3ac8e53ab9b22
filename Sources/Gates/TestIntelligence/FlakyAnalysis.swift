import Persistence

/// When a test counts as flaky, and when a flaky test is bad enough to alert on.
public struct FlakyCriteria: Sendable, Hashable, Codable {
    /// How many of a test's latest runs are looked at, skipped runs not counted (at most
    /// ``TestRunSummary/retainedRuns``).
    public var window: Int
    /// A test whose flip rate is above this is flaky even if it never flipped on one commit.
    public var flipRateThreshold: Double
    /// A flaky test whose first-attempt pass rate is below this is alerted on.
    public var alertPassRate: Double

    /// The defaults: the last 50 runs, a flip rate above 0.1, an alert below a 95% pass rate.
    public init(window: Int = 50, flipRateThreshold: Double = 0.1, alertPassRate: Double = 0.95) {
        self.window = min(max(window, 1), TestRunSummary.retainedRuns)
        self.flipRateThreshold = flipRateThreshold
        self.alertPassRate = alertPassRate
    }
}

/// The measures of one test over its latest runs, and whether they make it flaky.
public struct TestAssessment: Sendable, Hashable, Codable {
    /// Why a test is flaky.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// It passed and failed on the same commit: on a retry within a run, or in two runs.
        case flippedOnCommit = "flipped-on-commit"
        /// Its first-attempt outcome changed between consecutive runs more often than the threshold.
        case flipRate = "flip-rate"
    }

    /// The test and what the store knows about it.
    public var history: TestHistory
    /// The runs looked at: the latest ``FlakyCriteria/window`` runs that were not skipped.
    public var runs: Int
    /// First-attempt pass rate: runs whose first attempt passed, over ``runs``; 1 when there are none.
    public var passRate: Double
    /// How often the first-attempt outcome changed from one run to the next.
    public var flips: Int
    /// ``flips`` over the ``runs`` minus one pairs of consecutive runs; 0 with fewer than two runs.
    public var flipRate: Double
    /// Runs in which the test passed and failed on the run's commit (retries included).
    public var flippedOnCommitRuns: Int
    /// Runs whose first attempt failed and a retry passed.
    public var passedOnRetryRuns: Int
    /// Why the test is flaky; empty when it is not.
    public var reasons: [Reason]
    /// Whether the test is flaky and its pass rate is below ``FlakyCriteria/alertPassRate``.
    public var alert: Bool

    /// Whether the test is flaky.
    public var isFlaky: Bool { !reasons.isEmpty }
}

/// Flaky-test detection: a pure function of tests' histories.
///
/// Over each test's latest runs (skipped runs do not count), a test is flaky when it passed and failed on the same
/// commit, or when its flip rate is above the threshold. Rates use the first attempt of each run, so a retry that
/// hides a failure does not hide the flakiness.
public enum FlakyAnalysis {
    /// The measures of one test under `criteria`.
    public static func assess(_ history: TestHistory, criteria: FlakyCriteria = FlakyCriteria()) -> TestAssessment {
        let counted = Array(history.runs.filter { $0.firstAttempt != .skipped }.suffix(criteria.window))
        let passed = counted.filter { $0.firstAttempt == .passed }.count
        let flips = zip(counted, counted.dropFirst()).filter { $0.firstAttempt != $1.firstAttempt }.count
        let flipRate = counted.count > 1 ? Double(flips) / Double(counted.count - 1) : 0
        let passRate = counted.isEmpty ? 1 : Double(passed) / Double(counted.count)
        let flippedOnCommit = counted.filter(\.flippedOnCommit).count
        var reasons: [TestAssessment.Reason] = []
        if flippedOnCommit > 0 { reasons.append(.flippedOnCommit) }
        if flipRate > criteria.flipRateThreshold { reasons.append(.flipRate) }
        return TestAssessment(
            history: history, runs: counted.count, passRate: passRate, flips: flips, flipRate: flipRate,
            flippedOnCommitRuns: flippedOnCommit, passedOnRetryRuns: counted.filter(\.passedOnRetry).count,
            reasons: reasons, alert: !reasons.isEmpty && passRate < criteria.alertPassRate)
    }

    /// The flaky tests among `histories`: alerts first, then the lowest pass rate, then by identifier.
    public static func flakyTests(
        _ histories: [TestHistory], criteria: FlakyCriteria = FlakyCriteria()
    ) -> [TestAssessment] {
        histories.map { assess($0, criteria: criteria) }.filter(\.isFlaky).sorted {
            ($0.alert ? 0 : 1, $0.passRate, $0.history.identifier) < (
                $1.alert ? 0 : 1, $1.passRate, $1.history.identifier
            )
        }
    }

    /// The flaky tests in `store`, reading only the tests that have had a failure or a flip.
    public static func flakyTests(
        in store: any TestHistoryStore, criteria: FlakyCriteria = FlakyCriteria()
    ) async throws -> [TestAssessment] {
        flakyTests(try await store.testHistories(.unstable), criteria: criteria)
    }
}
