import Foundation

/// One execution of the workflows selected for an event, as the store keeps it.
///
/// A run is inserted before any of its jobs start (write before acting) with `conclusion == nil`,
/// and finished when its last job ends. A run left without a conclusion by a process that died is
/// found and cancelled by ``Store/reconcileInterruptedRuns(now:)``.
public struct RunRecord: Sendable, Hashable, Codable {
    /// The store's identifier; `0` until the run is inserted.
    public var id: Int64
    /// The run's number within its repository: 1, 2, 3…; `0` until the run is inserted.
    public var number: Int
    /// The absolute path of the repository root.
    public var repository: String
    /// The event that triggered the run, such as `push` or `workflow_dispatch`.
    public var event: String
    /// The git ref the run was made for, such as `refs/heads/main`.
    public var ref: String
    /// The commit the run was made for.
    public var sha: String
    /// The names of the workflows the run selected.
    public var workflows: [String]
    /// When the run started.
    public var startedAt: Date
    /// When the run finished; `nil` while it is running.
    public var finishedAt: Date?
    /// How the run ended; `nil` while it is running.
    public var conclusion: Conclusion?
    /// The process that runs it, so that start-up can tell a dead run from a live one.
    public var pid: Int32

    /// Creates a run record; the store assigns `id` and `number` when it is inserted.
    public init(
        id: Int64 = 0,
        number: Int = 0,
        repository: String,
        event: String,
        ref: String,
        sha: String,
        workflows: [String],
        startedAt: Date,
        finishedAt: Date? = nil,
        conclusion: Conclusion? = nil,
        pid: Int32 = ProcessInfo.processInfo.processIdentifier
    ) {
        self.id = id
        self.number = number
        self.repository = repository
        self.event = event
        self.ref = ref
        self.sha = sha
        self.workflows = workflows
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.conclusion = conclusion
        self.pid = pid
    }

    /// Whether the run is still going: it has no conclusion yet.
    public var isRunning: Bool { conclusion == nil }
}
