import Foundation
import Persistence
import Testing

@testable import PersistenceSQLite

@Suite("opening a SQLite store")
struct SQLiteStoreOpeningTests {
    @Test("a repository's store is created at .gantry/gantry.db with its directories")
    func repositoryRoot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let root = directory.file("my repo")

        let store = try SQLiteStore.open(repositoryRoot: root)
        #expect(store.path == "\(root)/.gantry/gantry.db")
        #expect(FileManager.default.fileExists(atPath: "\(root)/.gantry/gantry.db"))
        #expect(try store.integrityCheck() == "ok")

        #expect(try store.pragma("journal_mode") == "wal")
        #expect(try store.pragma("synchronous") == "1")  // NORMAL
        #expect(try store.pragma("foreign_keys") == "1")
        #expect(Array(try store.appliedMigrations().prefix(3)) == ["v1-runs", "v1-jobs", "v1-steps"])
        #expect(try store.appliedMigrations().contains("v2-deployments"))
    }

    @Test("a file that is not a database gives a StoreError that names its path")
    func notADatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")
        try Data(String(repeating: "this is not SQLite, just garbage\n", count: 200).utf8)
            .write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .notADatabase)
        #expect(error?.path == path)
        #expect(error?.description.contains("\"\(path)\"") == true)
        #expect(error?.description.contains("not a database") == true)
    }

    @Test("a path whose directory cannot be made gives a StoreError that names it")
    func cannotOpen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let blocker = directory.file("blocker")
        try Data("a file where a directory should be".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = "\(blocker)/.gantry/gantry.db"

        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains(path) == true)
    }

    @Test("a database from a newer gantry is refused rather than written")
    func newerSchema() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")
        let store = try SQLiteStore(path: path)
        try store.write(sql: "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")

        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .newerSchema)
        #expect(error?.path == path)
    }

    @Test("a second store on the same file sees the first one's writes")
    func twoConnections() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")
        let first = try SQLiteStore(path: path)
        let second = try SQLiteStore(path: path)

        let run = try await first.insertRun(RecordFixtures.run())
        let job = try await first.insertJob(RecordFixtures.job(runID: run.id))
        #expect(try await second.run(id: run.id) == run)
        #expect(try await second.jobs(runID: run.id) == [job])

        try await second.finishRun(id: run.id, conclusion: .success, at: RecordFixtures.start)
        #expect(try await first.run(id: run.id)?.conclusion == .success)
    }

    @Test("stores opened at once on a new file all migrate it and number runs without collisions")
    func concurrentStores() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")

        let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = try SQLiteStore(path: path)
                    var numbers: [Int] = []
                    for _ in 0..<10 {
                        numbers.append(try await store.insertRun(RecordFixtures.run()).number)
                    }
                    return numbers
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(numbers.sorted() == Array(1...40))
        #expect(try SQLiteStore(path: path).integrityCheck() == "ok")
    }

    @Test("a cancelled task can still record that its run was cancelled")
    func cancelledTaskWrites() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.file("gantry.db"))
        let run = try await store.insertRun(RecordFixtures.run())

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.cancelAll()
            group.addTask {
                #expect(Task.isCancelled)
                try await store.finishRun(id: run.id, conclusion: .cancelled, at: RecordFixtures.start)
            }
            try await group.waitForAll()
        }
        #expect(try await store.run(id: run.id)?.conclusion == .cancelled)
    }

    @Test("a failed statement keeps its SQL and the store's path in the error")
    func errorKeepsSQL() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("gantry.db")
        let store = try SQLiteStore(path: path)

        let error = await #expect(throws: StoreError.self) {
            _ = try await store.insertJob(RecordFixtures.job(runID: 77))
        }
        #expect(error?.code == .constraintViolation)
        #expect(error?.sql?.hasPrefix("INSERT INTO job") == true)
        let description = try #require(error?.description)
        #expect(description.hasPrefix("cannot insert job \"ci/build\" of run 77: FOREIGN KEY constraint failed"))
        #expect(description.contains("(at \"\(path)\") [constraint-violation]\n  while executing: INSERT INTO job"))
    }
}
