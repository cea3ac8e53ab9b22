import Foundation
import Persistence

/// Reads JUnit reports and stores them in the test history, one transaction per report.
///
/// Reports are read, hashed and parsed on several tasks at once, and written one at a time in the order given, so
/// that the order of the files is the order of the runs.
public struct TestIngestor: Sendable {
    /// What happened to one report.
    public enum Outcome: Sendable {
        /// It was stored, or had been stored before (`result.inserted == false`).
        case ingested(IngestionResult)
        /// It could not be read or is not a JUnit report; nothing was stored for it.
        case unreadable(ReportError)
    }

    /// Where the reports go.
    public var store: any TestHistoryStore
    /// The commit the tests ran on; empty when unknown.
    public var commit: String
    /// The run that produced the reports, if a run did.
    public var runID: Int64?
    /// The job that produced the reports, if a job did.
    public var jobID: Int64?
    /// How many reports are read and parsed at once.
    public var concurrency: Int
    /// The time an ingestion is recorded at.
    public var clock: @Sendable () -> Date

    /// Creates an ingestor that writes to `store`.
    public init(
        store: any TestHistoryStore, commit: String, runID: Int64? = nil, jobID: Int64? = nil,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.commit = commit
        self.runID = runID
        self.jobID = jobID
        self.concurrency = max(1, concurrency)
        self.clock = clock
    }

    /// Ingests the reports at `paths`, in order, calling `progress` after each; returns every outcome in order.
    ///
    /// Each report is for ``commit``, or for `commits[i]` when `commits` is given (one per path). A report that
    /// cannot be read is an ``Outcome/unreadable(_:)`` and the others go on; a store error stops the ingestion and
    /// is thrown, leaving the reports before it stored.
    @discardableResult
    public func ingest(
        paths: [String], commits: [String]? = nil, progress: @Sendable (String, Outcome) -> Void = { _, _ in }
    ) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        try await withThrowingTaskGroup(of: (Int, Result<ParsedReport, ReportError>).self) { group in
            var next = 0
            var ready: [Int: Result<ParsedReport, ReportError>] = [:]
            func startNext() {
                guard next < paths.count else { return }
                let index = next
                let path = paths[index]
                group.addTask { (index, Result { () throws(ReportError) in try Self.parse(path) }) }
                next += 1
            }
            for _ in 0..<concurrency { startNext() }
            while let (index, parsed) = try await group.next() {
                ready[index] = parsed
                while let parsed = ready.removeValue(forKey: outcomes.count) {
                    let outcome: Outcome
                    switch parsed {
                    case .success(let report):
                        outcome = .ingested(try await store(report, commit: commits?[outcomes.count] ?? commit))
                    case .failure(let error): outcome = .unreadable(error)
                    }
                    progress(paths[outcomes.count], outcome)
                    outcomes.append(outcome)
                    startNext()
                }
            }
        }
        return outcomes
    }

    /// Stores a report already read; `sha256` identifies it (see ``ReportDigest``).
    public func ingest(_ report: TestReport, sha256: String) async throws -> IngestionResult {
        try await store(
            ParsedReport(path: report.path, records: Self.records(of: report), sha256: sha256), commit: commit)
    }

    /// The records to store for the cases of `report`.
    public static func records(of report: TestReport) -> [TestCaseRecord] {
        report.cases.map { result in
            TestCaseRecord(
                suite: result.suite, className: result.className, name: result.name, identifier: result.identifier,
                file: result.file, outcome: outcome(result.outcome), duration: result.duration, attempt: result.attempt,
                message: result.message)
        }
    }

    private func store(_ parsed: ParsedReport, commit: String) async throws -> IngestionResult {
        let ingestion = IngestionRecord(
            sourcePath: parsed.path, commit: commit, runID: runID, jobID: jobID, reportSHA256: parsed.sha256,
            createdAt: clock())
        return try await store.ingest(ingestion, cases: parsed.records)
    }

    private static func parse(_ path: String) throws(ReportError) -> ParsedReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        let report = try JUnitReader.parse(data, path: path)
        return ParsedReport(path: path, records: records(of: report), sha256: ReportDigest.sha256(data))
    }

    private static func outcome(_ outcome: TestOutcome) -> TestCaseRecord.Outcome {
        switch outcome {
        case .passed: .passed
        case .failed: .failed
        case .errored: .errored
        case .skipped: .skipped
        }
    }

    /// A report read on a parsing task, ready to store.
    private struct ParsedReport: Sendable {
        var path: String
        var records: [TestCaseRecord]
        var sha256: String
    }
}
