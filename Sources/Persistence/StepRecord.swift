import Foundation

/// One finished step of a job, as the store keeps it.
///
/// Steps are written once, when they end, with the output the user may see.
public struct StepRecord: Sendable, Hashable, Codable {
    /// The store's identifier; `0` until the step is inserted.
    public var id: Int64
    /// The ``JobRecord/id`` of the job the step belongs to.
    public var jobID: Int64
    /// The step's position in its job, from 0.
    public var index: Int
    /// The step's display name.
    public var name: String
    /// When the step started.
    public var startedAt: Date
    /// When the step finished.
    public var finishedAt: Date
    /// The result before `continue-on-error` is applied.
    public var outcome: Conclusion
    /// The result after `continue-on-error` is applied.
    public var conclusion: Conclusion
    /// The step's output, already masked by the caller.
    public var log: String

    /// Creates a step record; the store assigns `id` when it is inserted.
    public init(
        id: Int64 = 0,
        jobID: Int64,
        index: Int,
        name: String,
        startedAt: Date,
        finishedAt: Date,
        outcome: Conclusion,
        conclusion: Conclusion,
        log: String = ""
    ) {
        self.id = id
        self.jobID = jobID
        self.index = index
        self.name = name
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.conclusion = conclusion
        self.log = log
    }
}
