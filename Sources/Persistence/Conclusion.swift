/// How a run, job or step ended.
///
/// Outcomes are data: a failure is a value to store and report, not an error to throw.
/// The raw values are what the store writes, so they never change.
public enum Conclusion: String, Sendable, Codable, Hashable, CaseIterable {
    /// Everything that was asked for ran and passed.
    case success
    /// Something ran and failed.
    case failure
    /// The work was stopped before it could finish, by a user, a timeout or a crash.
    case cancelled
    /// The work was never started because a condition or a dependency said so.
    case skipped
}
