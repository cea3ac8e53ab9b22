import Foundation

/// The test tables of an ``InMemoryStore``, kept as the SQLite store keeps them.
struct InMemoryTestTables: Sendable {
    /// One row of the `test` table: a test's latest names and its kept runs.
    struct Test: Sendable {
        var history: TestHistory
        var order: Int
    }

    var ingestions: [IngestionRecord] = []
    var cases: [TestCaseRecord] = []
    var tests: [String: Test] = [:]
    var quarantine: [String: QuarantineRecord] = [:]
    /// For each known commit and test, how the first attempts of its runs on that commit ended.
    var firstAttemptsByCommit: [String: [String: Set<TestRunSummary.FirstAttempt>]] = [:]
    var lastID: Int64 = 0

    mutating func nextID() -> Int64 {
        lastID += 1
        return lastID
    }
}

extension InMemoryStore: TestHistoryStore {
    /// Stores a report as one run of each of its tests; see ``TestHistoryStore/ingest(_:cases:)``.
    public func ingest(_ ingestion: IngestionRecord, cases: [TestCaseRecord]) throws -> IngestionResult {
        if let existing = testTables.ingestions.first(where: {
            $0.reportSHA256 == ingestion.reportSHA256 && $0.commit == ingestion.commit && $0.runID == ingestion.runID
        }) {
            return IngestionResult(ingestion: existing, inserted: false)
        }
        if let runID = ingestion.runID, !runRecords.contains(where: { $0.id == runID }) {
            throw StoreError(.constraintViolation, "there is no run with id \(runID)")
        }
        if let jobID = ingestion.jobID, !jobRecords.contains(where: { $0.id == jobID }) {
            throw StoreError(.constraintViolation, "there is no job with id \(jobID)")
        }
        let runs = TestRunAttempts.group(cases)
        var stored = ingestion
        stored.id = testTables.nextID()
        stored.createdAt = Self.roundedDate(ingestion.createdAt)
        stored.caseCount = cases.count
        stored.testCount = runs.count
        for run in runs {
            for var attempt in run.attempts {
                attempt.id = testTables.nextID()
                attempt.ingestionID = stored.id
                testTables.cases.append(attempt)
            }
            var summary = run.summary
            if !ingestion.commit.isEmpty && summary.firstAttempt != .skipped {
                var seen = testTables.firstAttemptsByCommit[ingestion.commit, default: [:]][run.identifier, default: []]
                summary = summary.comparing(withEarlier: seen)
                seen.insert(summary.firstAttempt)
                testTables.firstAttemptsByCommit[ingestion.commit, default: [:]][run.identifier] = seen
            }
            update(run, summary: summary, ingestion: stored)
        }
        testTables.ingestions.append(stored)
        return IngestionResult(ingestion: stored, inserted: true)
    }

    /// At most `limit` ingestions, newest first.
    public func ingestions(limit: Int) -> [IngestionRecord] {
        Array(testTables.ingestions.reversed().prefix(max(limit, 0)))
    }

    /// The attempts of ingestion `ingestionID`, in the order they were stored.
    public func testCases(ingestionID: Int64) -> [TestCaseRecord] {
        testTables.cases.filter { $0.ingestionID == ingestionID }
    }

    /// The histories that `filter` selects, by identifier.
    public func testHistories(_ filter: TestHistoryFilter) -> [TestHistory] {
        let histories = testTables.tests.values.map(\.history).filter { history in
            switch filter {
            case .all: true
            case .unstable: history.runs.contains { $0.code != "P" && $0.code != "S" }
            case .identifiers(let identifiers): identifiers.contains(history.identifier)
            }
        }
        return histories.sorted { $0.identifier < $1.identifier }
    }

    /// Quarantines a test, replacing its entry; `false` if it was already quarantined.
    public func quarantine(_ entry: QuarantineRecord) -> Bool {
        var entry = entry
        entry.addedAt = Self.roundedDate(entry.addedAt)
        return testTables.quarantine.updateValue(entry, forKey: entry.identifier) == nil
    }

    /// Lifts a test's quarantine; `false` if it had none.
    public func unquarantine(identifier: String) -> Bool {
        testTables.quarantine.removeValue(forKey: identifier) != nil
    }

    /// Every quarantine entry, by identifier.
    public func quarantineEntries() -> [QuarantineRecord] {
        testTables.quarantine.values.sorted { $0.identifier < $1.identifier }
    }

    /// The identifiers of the quarantined tests.
    public func quarantinedIdentifiers() -> Set<String> {
        Set(testTables.quarantine.keys)
    }

    private func update(_ run: TestRunAttempts, summary: TestRunSummary, ingestion: IngestionRecord) {
        let latest = run.latest
        var test =
            testTables.tests[run.identifier]
            ?? Test(
                history: TestHistory(
                    identifier: run.identifier, suite: latest.suite, className: latest.className, name: latest.name,
                    firstSeenAt: ingestion.createdAt, lastSeenAt: ingestion.createdAt, runs: []),
                order: testTables.tests.count)
        test.history.suite = latest.suite
        test.history.className = latest.className
        test.history.name = latest.name
        test.history.file = latest.file ?? test.history.file
        test.history.lastSeenAt = ingestion.createdAt
        test.history.runs = Array((test.history.runs + [summary]).suffix(TestRunSummary.retainedRuns))
        if let failure = run.lastFailure {
            test.history.lastFailureMessage = failure.message
            test.history.lastFailureAt = ingestion.createdAt
            test.history.lastFailureCommit = ingestion.commit
        }
        testTables.tests[run.identifier] = test
    }

    private typealias Test = InMemoryTestTables.Test

    private static func roundedDate(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
