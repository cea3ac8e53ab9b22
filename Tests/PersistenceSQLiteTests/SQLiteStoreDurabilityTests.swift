import Foundation
import Persistence
import Testing

@testable import PersistenceSQLite

@Suite("SQLite store durability")
struct SQLiteStoreDurabilityTests {
    /// Writes `count` runs, each with two jobs of three steps, and returns them.
    static func writeHistory(to store: SQLiteStore, count: Int) async throws -> [RunRecord] {
        var runs: [RunRecord] = []
        for _ in 0..<count {
            let run = try await store.insertRun(RecordFixtures.run())
            for jobID in ["build", "test"] {
                let job = try await store.insertJob(RecordFixtures.job(runID: run.id, jobID: jobID))
                for index in 0..<3 {
                    _ = try await store.insertStep(RecordFixtures.step(jobID: job.id, index: index))
                }
            }
            runs.append(run)
        }
        return runs
    }

    // A large write: inside a transaction on a connection with a tiny page cache (`PRAGMA cache_size = 8`),
    // SQLite spills its pages into the WAL before the commit, so a crash finds uncommitted frames there.
    static let largeInsert = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
        INSERT INTO run (number, repository, event, ref, sha, workflows, started_at, pid)
        SELECT 1000 + i, '/uncommitted', 'push', printf('%.4000c', 'x'), 'sha', '[]', 0, 1 FROM n;
        """

    @Test("the files as a kill -9 leaves them mid-transaction open consistent, without the unfinished write")
    func snapshotMidTransaction() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")
        let crashed = directory.file("crashed/gantry.db")
        try FileManager.default.createDirectory(
            atPath: directory.file("crashed"), withIntermediateDirectories: true)
        let store = try SQLiteStore(path: path)
        let runs = try await Self.writeHistory(to: store, count: 5)

        try store.write(sql: "PRAGMA cache_size = 8; \(Self.largeInsert)") {
            let wal = try #require(FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
            #expect(wal > 400 * 4000, "the uncommitted pages are in the WAL, as a crash would find them")
            // What a process killed now leaves on disk: the database and its WAL (the -shm index is rebuilt).
            try FileManager.default.copyItem(atPath: path, toPath: crashed)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: crashed + "-wal")
        }

        let recovered = try SQLiteStore(path: crashed)
        #expect(try recovered.integrityCheck() == "ok")
        #expect(try await recovered.runs(limit: 100) == runs.reversed())
        #expect(try recovered.count("step") == 30)
        #expect(try await recovered.insertRun(RecordFixtures.run()).number == 6)
    }

    @Test(
        "a writer killed with SIGKILL inside a transaction leaves a database the store opens and writes",
        .enabled(if: Python.path != nil, "needs python3 with sqlite3 for the child writer"))
    func killedWriter() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")
        let runs = try await Self.writeHistory(to: try SQLiteStore(path: path), count: 3)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: try #require(Python.path))
        child.arguments = [
            "-c",
            """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
            db.execute("PRAGMA cache_size = 8")
            db.execute("BEGIN IMMEDIATE")
            db.execute(sys.argv[2])
            print("in transaction", flush=True)
            time.sleep(60)
            """,
            path,
            Self.largeInsert,
        ]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        var said = ""
        while !said.hasSuffix("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        try #require(said == "in transaction\n", "the child writer stopped before its transaction")
        let wal = try #require(FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
        #expect(wal > 400 * 4000, "the child's uncommitted pages are in the WAL when it is killed")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)

        let store = try SQLiteStore(path: path)
        #expect(try store.integrityCheck() == "ok")
        #expect(try await store.runs(limit: 100) == runs.reversed())
        #expect(try await store.insertRun(RecordFixtures.run()).number == 4)
    }

    @Test("deleting a run deletes its jobs and their steps")
    func cascade() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.file("gantry.db"))
        let runs = try await Self.writeHistory(to: store, count: 2)

        try store.write(sql: "DELETE FROM run WHERE id = \(runs[0].id)")
        #expect(try store.count("job") == 2)
        #expect(try store.count("step") == 6)
        #expect(try await store.jobs(runID: runs[0].id) == [])
        #expect(try store.integrityCheck() == "ok")
    }
}
