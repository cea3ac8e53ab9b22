import Foundation
import GRDB
import Persistence

/// Writes one report's tests inside the ingestion's transaction, a hundred rows per statement: looking up, inserting
/// and updating tests, comparing runs with the earlier runs of their commit, and inserting attempts.
///
/// A report of a thousand tests is a few dozen statements rather than thousands, which is most of the cost of an
/// ingestion; the results are those of one statement per row.
struct TestIngestionWriter {
    /// Rows per multi-row statement: well under SQLite's limit of 32,766 parameters.
    static let chunk = 100

    let db: Database
    let ingestion: IngestionRecord
    /// The key of the ingestion's commit in `test_commit` (the id of the commit's first ingestion), or `nil` for an
    /// unknown commit.
    let commitKey: Int64?

    /// Stores `runs` as the runs of their tests in this ingestion.
    func write(_ runs: [TestRunAttempts]) throws {
        var testIDs = try existingIDs(runs.map(\.identifier))
        var summaries = runs.map(\.summary)
        // Most commits are ingested once, and a first report cannot flip against an earlier one: `test_commit` is only
        // written from the second report of a commit on.
        let repeatedCommit = commitKey.map { $0 != ingestion.id } ?? false
        if repeatedCommit, let commitKey {
            try recordEarlierReports(commitKey: commitKey)
            let seen = try firstAttempts(commitKey: commitKey, testIDs: testIDs.compactMap { $0 })
            for index in runs.indices {
                guard let id = testIDs[index], let bits = seen[id] else { continue }
                var earlier = Set<TestRunSummary.FirstAttempt>()
                if bits & 1 != 0 { earlier.insert(.passed) }
                if bits & 2 != 0 { earlier.insert(.failed) }
                summaries[index] = runs[index].summary.comparing(withEarlier: earlier)
            }
        }
        let new = runs.indices.filter { testIDs[$0] == nil }
        for part in Self.chunks(new) {
            for (id, index) in try insertTests(part.map { (runs[$0], summaries[$0], $0) }) { testIDs[index] = id }
        }
        let inserted = Set(new)
        try updateTests(runs.indices.filter { !inserted.contains($0) }.map { (testIDs[$0], runs[$0], summaries[$0]) })
        if repeatedCommit, let commitKey {
            let bits = runs.indices.compactMap { index -> (Int64, Int)? in
                guard summaries[index].firstAttempt != .skipped, let id = testIDs[index] else { return nil }
                return (id, summaries[index].firstAttempt == .passed ? 1 : 2)
            }
            try mergeFirstAttempts(commitKey: commitKey, bits)
        }
        let attempts = runs.indices.flatMap { index in runs[index].attempts.map { (testIDs[index], $0) } }
        for part in Self.chunks(attempts) {
            let sql =
                "INSERT INTO test_case (ingestion_id, test_id, attempt, outcome, duration, message) "
                + "SELECT ?, column1, column2, column3, column4, column5 FROM (VALUES "
                + Self.placeholders(rows: part.count, columns: 5) + ")"
            var values = [ingestion.id.databaseValue]
            values.reserveCapacity(part.count * 5 + 1)
            for (id, attempt) in part {
                values += [
                    id?.databaseValue ?? .null, attempt.attempt.databaseValue, attempt.outcome.rawValue.databaseValue,
                    attempt.duration.databaseValue, attempt.message?.databaseValue ?? .null,
                ]
            }
            try execute(sql, values)
        }
    }

    /// Inserts new tests; returns each one's id with the position it was given with.
    private func insertTests(_ tests: [(TestRunAttempts, TestRunSummary, Int)]) throws -> [(Int64, Int)] {
        let seconds = ingestion.createdAt.storedSeconds.databaseValue
        let values = tests.flatMap { run, summary, _ -> [DatabaseValue] in
            let latest = run.latest
            let failure = run.lastFailure
            return [
                run.identifier.databaseValue, latest.suite.databaseValue, latest.className.databaseValue,
                latest.name.databaseValue, latest.file?.databaseValue ?? .null, String(summary.code).databaseValue,
                failure?.message?.databaseValue ?? .null, failure == nil ? .null : seconds,
                failure == nil ? .null : ingestion.commit.databaseValue, seconds, seconds,
            ]
        }
        let sql =
            "INSERT INTO test (identifier, suite, class_name, name, file, recent, last_failure_message, "
            + "last_failure_at, last_failure_commit, first_seen_at, last_seen_at) VALUES "
            + Self.placeholders(rows: tests.count, columns: 11) + " RETURNING id, identifier"
        // RETURNING gives rows in no particular order, so they are matched by identifier.
        let positions = Dictionary(uniqueKeysWithValues: tests.map { ($0.0.identifier, $0.2) })
        return try fetch(sql, values).compactMap { row in positions[row["identifier"]].map { (row["id"], $0) } }
    }

    /// Appends each run to its known test's kept runs; the class and the name are part of the identifier, so only
    /// the suite and the file can have changed.
    private func updateTests(_ tests: [(Int64?, TestRunAttempts, TestRunSummary)]) throws {
        let seconds = ingestion.createdAt.storedSeconds.databaseValue
        let keep = TestRunSummary.retainedRuns
        for failed in [false, true] {
            let rows = tests.filter { ($0.1.lastFailure != nil) == failed }
            for part in Self.chunks(rows) {
                var values: [DatabaseValue] = []
                values.reserveCapacity(part.count * 5 + 3)
                for (id, run, summary) in part {
                    values += [
                        id?.databaseValue ?? .null, run.latest.suite.databaseValue,
                        run.latest.file?.databaseValue ?? .null, String(summary.code).databaseValue,
                    ]
                    if failed { values.append(run.lastFailure?.message?.databaseValue ?? .null) }
                }
                let columns = failed ? "id, suite, file, code, message" : "id, suite, file, code"
                var sql =
                    "WITH v(\(columns)) AS (VALUES " + Self.placeholders(rows: part.count, columns: failed ? 5 : 4)
                    + ") UPDATE test SET suite = v.suite, file = IFNULL(v.file, test.file), last_seen_at = ?, "
                    + "recent = substr(test.recent || v.code, -\(keep))"
                values.append(seconds)
                if failed {
                    sql += ", last_failure_message = v.message, last_failure_at = ?, last_failure_commit = ?"
                    values += [seconds, ingestion.commit.databaseValue]
                }
                try execute(sql + " FROM v WHERE test.id = v.id", values)
            }
        }
    }

    /// Records in `test_commit` the first attempts of the earlier reports of the commit, unless they already are:
    /// the first time a commit is ingested again.
    private func recordEarlierReports(commitKey: Int64) throws {
        let recorded = try fetch("SELECT 1 FROM test_commit WHERE commit_key = ? LIMIT 1", [commitKey.databaseValue])
        guard recorded.isEmpty else { return }
        let earlier = try fetch(
            "SELECT id FROM ingestion WHERE commit_sha = ? AND id < ?",
            [ingestion.commit.databaseValue, ingestion.id.databaseValue])
        for row in earlier {
            let cases = try fetch(
                "SELECT test_id, outcome FROM test_case WHERE ingestion_id = ? AND outcome <> 'skipped' "
                    + "ORDER BY test_id, attempt",
                [(row[0] as Int64).databaseValue])
            var bits: [(Int64, Int)] = []
            for attempt in cases where bits.last?.0 != attempt[0] as Int64 {
                bits.append((attempt[0], attempt[1] as String == "passed" ? 1 : 2))
            }
            try mergeFirstAttempts(commitKey: commitKey, bits)
        }
    }

    /// Adds first-attempt results (bit 1 passed, bit 2 failed) to what `test_commit` has for the commit.
    private func mergeFirstAttempts(commitKey: Int64, _ bits: [(Int64, Int)]) throws {
        for part in Self.chunks(bits) {
            let sql =
                "INSERT INTO test_commit (commit_key, test_id, first_attempts) VALUES "
                + Self.placeholders(rows: part.count, columns: 3)
                + " ON CONFLICT (commit_key, test_id) DO UPDATE"
                + " SET first_attempts = first_attempts | excluded.first_attempts"
            try execute(sql, part.flatMap { [commitKey.databaseValue, $0.0.databaseValue, $0.1.databaseValue] })
        }
    }

    /// The id of each of `identifiers` that is already stored, by position.
    private func existingIDs(_ identifiers: [String]) throws -> [Int64?] {
        var ids = [Int64?](repeating: nil, count: identifiers.count)
        for part in Self.chunks(Array(identifiers.indices)) {
            let sql =
                "WITH v(position, identifier) AS (VALUES " + Self.placeholders(rows: part.count, columns: 2)
                + ") SELECT v.position, test.id FROM v JOIN test ON test.identifier = v.identifier"
            let values = part.flatMap { [$0.databaseValue, identifiers[$0].databaseValue] }
            for row in try fetch(sql, values) { ids[row[0] as Int] = row[1] }
        }
        return ids
    }

    /// What the first attempts of `testIDs` did in the earlier runs of the commit: bit 1 passed, bit 2 failed.
    private func firstAttempts(commitKey: Int64, testIDs: [Int64]) throws -> [Int64: Int] {
        var bits: [Int64: Int] = [:]
        for part in Self.chunks(testIDs) {
            let sql =
                "SELECT test_id, first_attempts FROM test_commit WHERE commit_key = ? AND test_id IN ("
                + Self.marks(part.count) + ")"
            for row in try fetch(sql, [commitKey.databaseValue] + part.map(\.databaseValue)) {
                bits[row[0]] = row[1]
            }
        }
        return bits
    }

    // The statements are built here with as many placeholders as values, so their arguments need no checking.
    private func execute(_ sql: String, _ values: [DatabaseValue]) throws {
        let statement = try db.cachedStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }

    private func fetch(_ sql: String, _ values: [DatabaseValue]) throws -> [Row] {
        let statement = try db.cachedStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments(values))
        return try Row.fetchAll(statement)
    }

    private static func chunks<Element>(_ elements: [Element]) -> [ArraySlice<Element>] {
        stride(from: 0, to: elements.count, by: chunk).map { elements[$0..<min($0 + chunk, elements.count)] }
    }

    private static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    private static func placeholders(rows: Int, columns: Int) -> String {
        let row = "(" + marks(columns) + ")"
        return Array(repeating: row, count: rows).joined(separator: ", ")
    }
}
