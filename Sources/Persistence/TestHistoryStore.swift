import Foundation

/// The history of test results and the quarantine: every ingested JUnit report, test by test and attempt by attempt,
/// with a summary of each test's recent runs kept up to date as reports arrive.
///
/// Separate from ``Store`` so that a store of runs need not keep tests; `SQLiteStore` and ``InMemoryStore`` are both.
///
/// Contract, for every implementation:
/// - **One report, one transaction.** ``ingest(_:cases:)`` stores the report, each of its attempts and the updated
///   summaries of its tests together or not at all; a reader never sees half a report.
/// - **Idempotent ingestion.** A report is the same report when its SHA-256, its commit and its run are the same;
///   ingesting it again writes nothing and returns the earlier ingestion with `inserted == false`.
/// - **Runs are reports.** Each ingested report is one run of each test it holds, in ingestion order; the attempts
///   of a test in one report are summarized as one ``TestRunSummary`` and appended to the test's kept runs (at most
///   ``TestRunSummary/retainedRuns``). A run is compared with the earlier runs of the same non-empty commit, so a
///   test that passed on one and failed on the other is marked as flipped on that commit.
/// - **Identifiers are the store's.** Ingestion ids grow with every new report; dates are kept to the millisecond.
/// - **Concurrency.** Calls may come from any task at once, and from several processes sharing one store.
/// - **Failure.** Every error thrown is a ``StoreError``: ``StoreError/Code/constraintViolation`` for a report whose
///   run or job does not exist.
public protocol TestHistoryStore: Sendable {
    /// Stores one report's test cases (every attempt of every test) as one run of each of its tests.
    ///
    /// `ingestion.id`, `caseCount` and `testCount` are ignored and assigned; `cases[].ingestionID` and `id` too.
    func ingest(_ ingestion: IngestionRecord, cases: [TestCaseRecord]) async throws -> IngestionResult
    /// At most `limit` ingested reports, newest first.
    func ingestions(limit: Int) async throws -> [IngestionRecord]
    /// The attempts stored for ingestion `id`, in the order they were given.
    func testCases(ingestionID: Int64) async throws -> [TestCaseRecord]
    /// The histories of the tests that `filter` selects, by identifier.
    func testHistories(_ filter: TestHistoryFilter) async throws -> [TestHistory]

    /// Quarantines a test, replacing any entry it had; returns `false` if it was already quarantined.
    @discardableResult
    func quarantine(_ entry: QuarantineRecord) async throws -> Bool
    /// Lifts the quarantine of test `identifier`; returns `false` if it was not quarantined.
    @discardableResult
    func unquarantine(identifier: String) async throws -> Bool
    /// Every quarantine entry, by identifier.
    func quarantineEntries() async throws -> [QuarantineRecord]
    /// The identifiers of the quarantined tests, which a gate does not fail for.
    func quarantinedIdentifiers() async throws -> Set<String>
}
