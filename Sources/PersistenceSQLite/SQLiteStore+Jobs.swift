import Foundation
import GRDB
import Persistence

extension SQLiteStore {
    private static let jobColumns =
        "id, run_id, key, workflow, job_id, name, matrix, started_at, finished_at, conclusion, log_path"

    /// Inserts `job`; throws ``StoreError/Code/constraintViolation`` if its run does not exist or
    /// already has a job with its key.
    public func insertJob(_ job: JobRecord) async throws -> JobRecord {
        try await write("cannot insert job \"\(job.key)\" of run \(job.runID)") { db in
            var job = job
            job.startedAt = job.startedAt?.roundedForStorage
            job.finishedAt = job.finishedAt?.roundedForStorage
            try db.cachedStatement(
                sql: """
                    INSERT INTO job (run_id, key, workflow, job_id, name, matrix, started_at, finished_at, conclusion, log_path)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                job.runID, job.key, job.workflow, job.jobID, job.name, job.matrix,
                job.startedAt?.storedSeconds, job.finishedAt?.storedSeconds, job.conclusion?.rawValue, job.logPath,
            ])
            job.id = db.lastInsertedRowID
            return job
        }
    }

    /// Sets the start of job `id`; throws ``StoreError/Code/notFound`` if there is no such job.
    public func startJob(id: Int64, at: Date) async throws {
        try await write("cannot start job \(id)") { db in
            try db.cachedStatement(sql: "UPDATE job SET started_at = ? WHERE id = ?")
                .execute(arguments: [at.storedSeconds, id])
            if db.changesCount == 0 { throw StoreError(.notFound, "there is no job with id \(id)") }
        }
    }

    /// Sets the conclusion and end of job `id`; throws ``StoreError/Code/notFound`` if there is no such job.
    public func finishJob(id: Int64, conclusion: Conclusion, at: Date) async throws {
        try await write("cannot finish job \(id)") { db in
            try db.cachedStatement(sql: "UPDATE job SET conclusion = ?, finished_at = ? WHERE id = ?")
                .execute(arguments: [conclusion.rawValue, at.storedSeconds, id])
            if db.changesCount == 0 { throw StoreError(.notFound, "there is no job with id \(id)") }
        }
    }

    /// The jobs of run `runID`, in insertion order.
    public func jobs(runID: Int64) async throws -> [JobRecord] {
        try await read("cannot list the jobs of run \(runID)") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.jobColumns) FROM job WHERE run_id = ? ORDER BY id"),
                arguments: [runID]
            ).map(Self.jobRecord)
        }
    }

    private static func jobRecord(_ row: Row) throws -> JobRecord {
        let id: Int64 = row["id"]
        return JobRecord(
            id: id,
            runID: row["run_id"],
            key: row["key"],
            workflow: row["workflow"],
            jobID: row["job_id"],
            name: row["name"],
            matrix: row["matrix"],
            startedAt: (row["started_at"] as Double?).map(Date.init(storedSeconds:)),
            finishedAt: (row["finished_at"] as Double?).map(Date.init(storedSeconds:)),
            conclusion: try conclusion(row["conclusion"], of: "job \(id)"),
            logPath: row["log_path"]
        )
    }
}
