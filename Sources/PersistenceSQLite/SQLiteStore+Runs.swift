import Foundation
import GRDB
import Persistence

extension SQLiteStore {
    private static let runColumns =
        "id, number, repository, event, ref, sha, workflows, started_at, finished_at, conclusion, pid"

    /// Inserts `run`, numbered after the last run of its repository in the same transaction.
    public func insertRun(_ run: RunRecord) async throws -> RunRecord {
        let workflows = try encodeWorkflows(run.workflows)
        return try await write("cannot insert a run of \"\(run.repository)\"") { db in
            var run = run
            let last = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT MAX(number) FROM run WHERE repository = ?"),
                arguments: [run.repository]
            )
            run.number = (last ?? 0) + 1
            run.startedAt = run.startedAt.roundedForStorage
            run.finishedAt = run.finishedAt?.roundedForStorage
            try db.cachedStatement(
                sql: """
                    INSERT INTO run (number, repository, event, ref, sha, workflows, started_at, finished_at, conclusion, pid)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                run.number, run.repository, run.event, run.ref, run.sha, workflows,
                run.startedAt.storedSeconds, run.finishedAt?.storedSeconds, run.conclusion?.rawValue, run.pid,
            ])
            run.id = db.lastInsertedRowID
            return run
        }
    }

    /// Sets the conclusion and end of run `id`; throws ``StoreError/Code/notFound`` if there is no such run.
    public func finishRun(id: Int64, conclusion: Conclusion, at: Date) async throws {
        try await write("cannot finish run \(id)") { db in
            try db.cachedStatement(sql: "UPDATE run SET conclusion = ?, finished_at = ? WHERE id = ?")
                .execute(arguments: [conclusion.rawValue, at.storedSeconds, id])
            if db.changesCount == 0 { throw StoreError(.notFound, "there is no run with id \(id)") }
        }
    }

    /// At most `limit` runs, most recently inserted first.
    public func runs(limit: Int) async throws -> [RunRecord] {
        try await read("cannot list runs") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.runColumns) FROM run ORDER BY id DESC LIMIT ?"),
                arguments: [max(limit, 0)]
            ).map(Self.runRecord)
        }
    }

    /// The run with identifier `id`, or `nil`.
    public func run(id: Int64) async throws -> RunRecord? {
        try await read("cannot read run \(id)") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.runColumns) FROM run WHERE id = ?"),
                arguments: [id]
            ).map(Self.runRecord)
        }
    }

    /// The most recently inserted run with number `number`, or `nil`.
    public func run(number: Int) async throws -> RunRecord? {
        try await read("cannot read run number \(number)") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.runColumns) FROM run WHERE number = ? ORDER BY id DESC LIMIT 1"),
                arguments: [number]
            ).map(Self.runRecord)
        }
    }

    /// Cancels the unfinished runs, and their unfinished jobs, of processes that are gone; see ``Store``.
    public func reconcileInterruptedRuns(now: Date) async throws -> Int {
        try await write("cannot reconcile interrupted runs") { db in
            let unfinished = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, pid FROM run WHERE conclusion IS NULL")
            )
            var count = 0
            for row in unfinished where !ProcessLiveness.isAlive(row["pid"]) {
                let id: Int64 = row["id"]
                let cancelled = Conclusion.cancelled.rawValue
                try db.cachedStatement(sql: "UPDATE run SET conclusion = ?, finished_at = ? WHERE id = ?")
                    .execute(arguments: [cancelled, now.storedSeconds, id])
                try db.cachedStatement(
                    sql: "UPDATE job SET conclusion = ?, finished_at = ? WHERE run_id = ? AND conclusion IS NULL"
                ).execute(arguments: [cancelled, now.storedSeconds, id])
                count += 1
            }
            return count
        }
    }

    private static func runRecord(_ row: Row) throws -> RunRecord {
        let id: Int64 = row["id"]
        let workflowsJSON: String = row["workflows"]
        guard let workflows = try? JSONDecoder().decode([String].self, from: Data(workflowsJSON.utf8)) else {
            throw StoreError(.corruptRecord, "run \(id) has workflows that are not a JSON array of names")
        }
        return RunRecord(
            id: id,
            number: row["number"],
            repository: row["repository"],
            event: row["event"],
            ref: row["ref"],
            sha: row["sha"],
            workflows: workflows,
            startedAt: Date(storedSeconds: row["started_at"]),
            finishedAt: (row["finished_at"] as Double?).map(Date.init(storedSeconds:)),
            conclusion: try conclusion(row["conclusion"], of: "run \(id)"),
            pid: row["pid"]
        )
    }

    /// Reads a stored conclusion, which the schema's CHECK constraints keep to the known raw values.
    static func conclusion(_ value: String?, of record: @autoclosure () -> String) throws -> Conclusion? {
        guard let value else { return nil }
        guard let conclusion = Conclusion(rawValue: value) else {
            throw StoreError(.corruptRecord, "\(record()) has an unknown conclusion \"\(value)\"")
        }
        return conclusion
    }

    private func encodeWorkflows(_ workflows: [String]) throws -> String {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            return String(decoding: try encoder.encode(workflows), as: UTF8.self)
        } catch {
            throw StoreError(.storageFailed, "cannot encode the workflow names: \(error)", path: path)
        }
    }
}
