import Foundation
import GRDB
import Persistence

extension SQLiteStore: TestHistoryStore {
    private static let ingestionColumns =
        "id, source_path, commit_sha, run_id, job_id, report_sha256, case_count, test_count, created_at"

    /// Stores a report as one run of each of its tests, in one transaction; see ``TestHistoryStore``.
    public func ingest(_ ingestion: IngestionRecord, cases: [TestCaseRecord]) async throws -> IngestionResult {
        let runs = TestRunAttempts.group(cases)
        return try await write("cannot ingest the test report \"\(ingestion.sourcePath)\"") { db in
            if let existing = try Self.existingIngestion(ingestion, db) {
                return IngestionResult(ingestion: existing, inserted: false)
            }
            var stored = ingestion
            stored.createdAt = ingestion.createdAt.roundedForStorage
            stored.caseCount = cases.count
            stored.testCount = runs.count
            try db.cachedStatement(
                sql: """
                    INSERT INTO ingestion (source_path, commit_sha, run_id, job_id, report_sha256, case_count,
                                           test_count, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                stored.sourcePath, stored.commit, stored.runID, stored.jobID, stored.reportSHA256, stored.caseCount,
                stored.testCount, stored.createdAt.storedSeconds,
            ])
            stored.id = db.lastInsertedRowID
            try TestIngestionWriter(db: db, ingestion: stored, commitKey: try Self.commitKey(stored, db)).write(runs)
            return IngestionResult(ingestion: stored, inserted: true)
        }
    }

    /// At most `limit` ingested reports, newest first.
    public func ingestions(limit: Int) async throws -> [IngestionRecord] {
        try await read("cannot list the ingested test reports") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.ingestionColumns) FROM ingestion ORDER BY id DESC LIMIT ?"),
                arguments: [max(limit, 0)]
            ).map(Self.ingestionRecord)
        }
    }

    /// The attempts of ingestion `ingestionID`, in the order they were stored.
    public func testCases(ingestionID: Int64) async throws -> [TestCaseRecord] {
        try await read("cannot read the test cases of ingestion \(ingestionID)") { db in
            try Self.testCases(ingestionID: ingestionID, db)
        }
    }

    /// The histories that `filter` selects, by identifier, read from one row per test.
    public func testHistories(_ filter: TestHistoryFilter) async throws -> [TestHistory] {
        try await read("cannot read the test histories") { db in
            let columns = """
                identifier, suite, class_name, name, file, first_seen_at, last_seen_at, recent, last_failure_message,
                last_failure_at, last_failure_commit
                """
            let rows: [Row]
            switch filter {
            case .all:
                rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM test ORDER BY identifier")
            case .unstable:
                rows = try Row.fetchAll(
                    db, sql: "SELECT \(columns) FROM test WHERE recent GLOB '*[^PS]*' ORDER BY identifier")
            case .identifiers(let identifiers):
                let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM test WHERE identifier = ?")
                rows = try identifiers.sorted().compactMap { try Row.fetchOne(statement, arguments: [$0]) }
            }
            return rows.map(Self.testHistory)
        }
    }

    /// Quarantines a test, replacing its entry; `false` if it was already quarantined.
    @discardableResult
    public func quarantine(_ entry: QuarantineRecord) async throws -> Bool {
        try await write("cannot quarantine \"\(entry.identifier)\"") { db in
            let existed =
                try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT 1 FROM quarantine WHERE identifier = ?"),
                    arguments: [entry.identifier]
                ) != nil
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO quarantine (identifier, reason, added_by, added_at, automatic)
                    VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                entry.identifier, entry.reason, entry.addedBy, entry.addedAt.storedSeconds, entry.automatic,
            ])
            return !existed
        }
    }

    /// Lifts a test's quarantine; `false` if it had none.
    @discardableResult
    public func unquarantine(identifier: String) async throws -> Bool {
        try await write("cannot lift the quarantine of \"\(identifier)\"") { db in
            try db.cachedStatement(sql: "DELETE FROM quarantine WHERE identifier = ?").execute(arguments: [identifier])
            return db.changesCount > 0
        }
    }

    /// Every quarantine entry, by identifier.
    public func quarantineEntries() async throws -> [QuarantineRecord] {
        try await read("cannot list the quarantined tests") { db in
            try Row.fetchAll(
                db, sql: "SELECT identifier, reason, added_by, added_at, automatic FROM quarantine ORDER BY identifier"
            ).map { row in
                QuarantineRecord(
                    identifier: row["identifier"], reason: row["reason"], addedBy: row["added_by"],
                    addedAt: Date(storedSeconds: row["added_at"]), automatic: row["automatic"])
            }
        }
    }

    /// The identifiers of the quarantined tests.
    public func quarantinedIdentifiers() async throws -> Set<String> {
        try await read("cannot list the quarantined tests") { db in
            Set(try String.fetchAll(db, sql: "SELECT identifier FROM quarantine"))
        }
    }

    private static func existingIngestion(_ ingestion: IngestionRecord, _ db: Database) throws -> IngestionRecord? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT \(ingestionColumns) FROM ingestion
                    WHERE report_sha256 = ? AND commit_sha = ? AND IFNULL(run_id, 0) = IFNULL(?, 0)
                    """
            ),
            arguments: [ingestion.reportSHA256, ingestion.commit, ingestion.runID]
        ).map(ingestionRecord)
    }

    /// The key of `ingestion`'s commit in `test_commit`: the id of the commit's first ingestion; `nil` when the
    /// commit is unknown, since unknown commits are never the same commit.
    private static func commitKey(_ ingestion: IngestionRecord, _ db: Database) throws -> Int64? {
        guard !ingestion.commit.isEmpty else { return nil }
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT MIN(id) FROM ingestion WHERE commit_sha = ?"), arguments: [ingestion.commit]
        )
    }

    private static func testCases(ingestionID: Int64, _ db: Database) throws -> [TestCaseRecord] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT c.id, c.ingestion_id, t.suite, t.class_name, t.name, t.identifier, t.file, c.outcome,
                       c.duration, c.attempt, c.message
                FROM test_case c JOIN test t ON t.id = c.test_id WHERE c.ingestion_id = ? ORDER BY c.id
                """)
        return try Row.fetchAll(statement, arguments: [ingestionID]).map { row in
            let value: String = row["outcome"]
            guard let outcome = TestCaseRecord.Outcome(rawValue: value) else {
                throw StoreError(.corruptRecord, "test case \(row["id"] as Int64) has an unknown outcome \"\(value)\"")
            }
            return TestCaseRecord(
                id: row["id"], ingestionID: row["ingestion_id"], suite: row["suite"], className: row["class_name"],
                name: row["name"], identifier: row["identifier"], file: row["file"], outcome: outcome,
                duration: row["duration"], attempt: row["attempt"], message: row["message"])
        }
    }

    private static func ingestionRecord(_ row: Row) -> IngestionRecord {
        IngestionRecord(
            id: row["id"], sourcePath: row["source_path"], commit: row["commit_sha"], runID: row["run_id"],
            jobID: row["job_id"], reportSHA256: row["report_sha256"],
            createdAt: Date(storedSeconds: row["created_at"]), caseCount: row["case_count"],
            testCount: row["test_count"])
    }

    private static func testHistory(_ row: Row) -> TestHistory {
        TestHistory(
            identifier: row["identifier"], suite: row["suite"], className: row["class_name"], name: row["name"],
            file: row["file"], firstSeenAt: Date(storedSeconds: row["first_seen_at"]),
            lastSeenAt: Date(storedSeconds: row["last_seen_at"]), lastFailureMessage: row["last_failure_message"],
            lastFailureAt: (row["last_failure_at"] as Double?).map(Date.init(storedSeconds:)),
            lastFailureCommit: row["last_failure_commit"], runs: TestRunSummary.decode(row["recent"]))
    }
}
