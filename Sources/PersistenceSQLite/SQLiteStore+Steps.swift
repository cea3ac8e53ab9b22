import Foundation
import GRDB
import Persistence

extension SQLiteStore {
    private static let stepColumns =
        "id, job_id, position, name, started_at, finished_at, outcome, conclusion, log"

    /// Inserts `step`; throws ``StoreError/Code/constraintViolation`` if its job does not exist.
    public func insertStep(_ step: StepRecord) async throws -> StepRecord {
        try await write("cannot insert step \(step.index) of job \(step.jobID)") { db in
            var step = step
            step.startedAt = step.startedAt.roundedForStorage
            step.finishedAt = step.finishedAt.roundedForStorage
            try db.cachedStatement(
                sql: """
                    INSERT INTO step (job_id, position, name, started_at, finished_at, outcome, conclusion, log)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                step.jobID, step.index, step.name, step.startedAt.storedSeconds, step.finishedAt.storedSeconds,
                step.outcome.rawValue, step.conclusion.rawValue, step.log,
            ])
            step.id = db.lastInsertedRowID
            return step
        }
    }

    /// The steps of job `jobID`, by index (and in insertion order for equal indexes).
    public func steps(jobID: Int64) async throws -> [StepRecord] {
        try await read("cannot list the steps of job \(jobID)") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(Self.stepColumns) FROM step WHERE job_id = ? ORDER BY position, id"
                ),
                arguments: [jobID]
            ).map(Self.stepRecord)
        }
    }

    private static func stepRecord(_ row: Row) throws -> StepRecord {
        let id: Int64 = row["id"]
        guard
            let outcome = try conclusion(row["outcome"], of: "step \(id)"),
            let conclusion = try conclusion(row["conclusion"], of: "step \(id)")
        else {
            throw StoreError(.corruptRecord, "step \(id) has no outcome or no conclusion")
        }
        return StepRecord(
            id: id,
            jobID: row["job_id"],
            index: row["position"],
            name: row["name"],
            startedAt: Date(storedSeconds: row["started_at"]),
            finishedAt: Date(storedSeconds: row["finished_at"]),
            outcome: outcome,
            conclusion: conclusion,
            log: row["log"]
        )
    }
}
