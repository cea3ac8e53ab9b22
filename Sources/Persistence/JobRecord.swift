import Foundation

/// One job of a run, or one leg of a matrix job, as the store keeps it.
///
/// A job is inserted when the run is planned (so a crashed run still shows what it meant to do),
/// started when its first step begins and finished with its conclusion.
public struct JobRecord: Sendable, Hashable, Codable {
    /// The store's identifier; `0` until the job is inserted.
    public var id: Int64
    /// The ``RunRecord/id`` of the run the job belongs to.
    public var runID: Int64
    /// `"<workflow>/<job id>"`, followed by the compact matrix JSON for a matrix leg; unique within a run.
    ///
    /// ``key(workflow:jobID:matrix:)`` builds it.
    public var key: String
    /// The name of the workflow that declares the job.
    public var workflow: String
    /// The job's id, its key under `jobs:` in the workflow file.
    public var jobID: String
    /// The job's display name.
    public var name: String
    /// The matrix combination of this leg as compact JSON, or `nil` for a job without a matrix.
    public var matrix: String?
    /// When the job started; `nil` until it does (and for a job that never starts).
    public var startedAt: Date?
    /// When the job finished; `nil` while it is pending or running.
    public var finishedAt: Date?
    /// How the job ended; `nil` while it is pending or running.
    public var conclusion: Conclusion?
    /// The file that holds the job's live log, if there is one.
    public var logPath: String?

    /// Creates a job record; the store assigns `id` when it is inserted.
    public init(
        id: Int64 = 0,
        runID: Int64,
        key: String,
        workflow: String,
        jobID: String,
        name: String,
        matrix: String? = nil,
        startedAt: Date? = nil,
        finishedAt: Date? = nil,
        conclusion: Conclusion? = nil,
        logPath: String? = nil
    ) {
        self.id = id
        self.runID = runID
        self.key = key
        self.workflow = workflow
        self.jobID = jobID
        self.name = name
        self.matrix = matrix
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.conclusion = conclusion
        self.logPath = logPath
    }

    /// The key of a job: `"<workflow>/<job id>"`, followed directly by `matrix` when there is one.
    ///
    /// For example `ci/test{"os":"linux"}` for the `linux` leg of job `test` in workflow `ci`.
    public static func key(workflow: String, jobID: String, matrix: String?) -> String {
        "\(workflow)/\(jobID)\(matrix ?? "")"
    }
}
