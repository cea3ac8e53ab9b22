/// How one test did in one run (one ingested report), as the store remembers its recent runs.
///
/// A run is summarized from its attempts: the first attempt that was not skipped decides ``firstAttempt``; a failed
/// first attempt followed by a passing one is ``passedOnRetry``. The run ``flippedOnCommit`` when the test both passed
/// and failed on the run's commit: within the run (a retry changed the result), or against an earlier run of the
/// same commit whose first attempt ended the other way.
///
/// The store keeps each summary as one character, so that the recent history of a test is a short string it can
/// update in place: `P` passed, `p` passed but flipped on its commit, `F` failed, `f` failed and flipped against an
/// earlier run of its commit, `R` failed first and passed on a retry (always a flip), `S` skipped.
public struct TestRunSummary: Sendable, Hashable, Codable {
    /// How the first attempt that ran ended; errors count as failures.
    public enum FirstAttempt: String, Sendable, Hashable, Codable {
        case passed, failed, skipped
    }

    /// How many runs of each test the store keeps summaries of; older ones are dropped.
    public static let retainedRuns = 200

    /// How the first attempt that ran ended.
    public var firstAttempt: FirstAttempt
    /// Whether a later attempt in the same run passed after the first one failed.
    public var passedOnRetry: Bool
    /// Whether the test both passed and failed on this run's commit, within the run or against an earlier run.
    public var flippedOnCommit: Bool

    /// Creates a summary; `passedOnRetry` implies a failed first attempt and a flip, and a skipped run never flips.
    public init(firstAttempt: FirstAttempt, passedOnRetry: Bool = false, flippedOnCommit: Bool = false) {
        self.firstAttempt = firstAttempt
        self.passedOnRetry = firstAttempt == .failed && passedOnRetry
        self.flippedOnCommit = firstAttempt != .skipped && (flippedOnCommit || self.passedOnRetry)
    }

    /// Summarizes the attempts of one test in one run, in any order.
    public init(attempts: [TestCaseRecord]) {
        if attempts.count == 1 {
            switch attempts[0].outcome {
            case .passed: self.init(firstAttempt: .passed)
            case .failed, .errored: self.init(firstAttempt: .failed)
            case .skipped: self.init(firstAttempt: .skipped)
            }
            return
        }
        let ran = attempts.filter { $0.outcome != .skipped }.sorted { $0.attempt < $1.attempt }
        guard let first = ran.first else {
            self.init(firstAttempt: .skipped)
            return
        }
        let later = ran.dropFirst()
        if first.outcome == .passed {
            self.init(firstAttempt: .passed, flippedOnCommit: later.contains { $0.outcome.isFailure })
        } else {
            self.init(firstAttempt: .failed, passedOnRetry: later.contains { $0.outcome == .passed })
        }
    }

    /// This summary, flipped if an earlier run of the same commit had a first attempt that ended the other way.
    ///
    /// - Parameter earlierFirstAttempts: the first-attempt results of the earlier runs of the test on this commit.
    public func comparing(withEarlier earlierFirstAttempts: Set<FirstAttempt>) -> TestRunSummary {
        let opposite: FirstAttempt = firstAttempt == .passed ? .failed : .passed
        guard firstAttempt != .skipped, earlierFirstAttempts.contains(opposite) else { return self }
        return TestRunSummary(firstAttempt: firstAttempt, passedOnRetry: passedOnRetry, flippedOnCommit: true)
    }

    /// The one-character form the store keeps.
    public var code: Character {
        switch firstAttempt {
        case .skipped: "S"
        case .passed: flippedOnCommit ? "p" : "P"
        case .failed: passedOnRetry ? "R" : flippedOnCommit ? "f" : "F"
        }
    }

    /// The summary of a stored code, or `nil` for a character that is not one.
    public init?(code: Character) {
        switch code {
        case "S": self.init(firstAttempt: .skipped)
        case "P": self.init(firstAttempt: .passed)
        case "p": self.init(firstAttempt: .passed, flippedOnCommit: true)
        case "F": self.init(firstAttempt: .failed)
        case "f": self.init(firstAttempt: .failed, flippedOnCommit: true)
        case "R": self.init(firstAttempt: .failed, passedOnRetry: true)
        default: return nil
        }
    }

    /// The summaries of a stored string of codes, oldest first; characters that are not codes are left out.
    public static func decode(_ codes: String) -> [TestRunSummary] {
        codes.compactMap(TestRunSummary.init(code:))
    }

    /// The summaries as the string of codes the store keeps.
    public static func encode(_ runs: [TestRunSummary]) -> String {
        String(runs.map(\.code))
    }
}
