import Foundation

/// One JUnit report stored in the test history: where it came from, for which commit, and when.
///
/// A report is identified by its content, its commit and its run: ingesting the same bytes again for the same
/// commit and run changes nothing (see ``TestHistoryStore/ingest(_:cases:)``).
public struct IngestionRecord: Sendable, Hashable, Codable {
    /// The store's identifier; `0` until the report is ingested. Later ingestions have larger identifiers.
    public var id: Int64
    /// The report file as it was given, for messages.
    public var sourcePath: String
    /// The commit the tests ran on; empty when unknown (then no two reports count as the same commit).
    public var commit: String
    /// The ``RunRecord/id`` of the run that produced the report, if a run did.
    public var runID: Int64?
    /// The ``JobRecord/id`` of the job that produced the report, if a job did.
    public var jobID: Int64?
    /// The lowercase hex SHA-256 of the report's bytes.
    public var reportSHA256: String
    /// When the report was ingested: the time of every test run it records.
    public var createdAt: Date
    /// How many test case records (attempts) it holds.
    public var caseCount: Int
    /// How many distinct tests it holds.
    public var testCount: Int

    /// Creates an ingestion; the store assigns `id`, `caseCount` and `testCount` when it is stored.
    public init(
        id: Int64 = 0,
        sourcePath: String,
        commit: String,
        runID: Int64? = nil,
        jobID: Int64? = nil,
        reportSHA256: String,
        createdAt: Date,
        caseCount: Int = 0,
        testCount: Int = 0
    ) {
        self.id = id
        self.sourcePath = sourcePath
        self.commit = commit
        self.runID = runID
        self.jobID = jobID
        self.reportSHA256 = reportSHA256
        self.createdAt = createdAt
        self.caseCount = caseCount
        self.testCount = testCount
    }
}

/// What ``TestHistoryStore/ingest(_:cases:)`` did with a report.
public struct IngestionResult: Sendable, Hashable {
    /// The report as stored: the new ingestion, or the earlier one of the same report.
    public var ingestion: IngestionRecord
    /// `false` when the same report (bytes, commit and run) had been ingested before and nothing was written.
    public var inserted: Bool

    /// Creates a result.
    public init(ingestion: IngestionRecord, inserted: Bool) {
        self.ingestion = ingestion
        self.inserted = inserted
    }
}
