import Foundation
import Persistence
import Testing

/// ``Store/reconcileInterruptedRuns(now:)`` against every store, with real processes.
@Suite("reconciling interrupted runs")
struct ReconcileTests {
    /// The pid of a process that has exited and been reaped.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test(
        "a run of a dead process is cancelled with its unfinished jobs; a live one is left alone",
        arguments: StoreKind.allCases)
    func deadAndLive(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try kind.make(in: directory)
        let deadPID = try Self.deadPID()
        #expect(!ProcessLiveness.isAlive(deadPID))

        let dead = try await store.insertRun(RecordFixtures.run(pid: deadPID))
        let finishedJob = try await store.insertJob(RecordFixtures.job(runID: dead.id, jobID: "lint"))
        try await store.finishJob(id: finishedJob.id, conclusion: .success, at: RecordFixtures.start)
        let runningJob = try await store.insertJob(RecordFixtures.job(runID: dead.id, jobID: "test"))
        try await store.startJob(id: runningJob.id, at: RecordFixtures.start)
        let pendingJob = try await store.insertJob(RecordFixtures.job(runID: dead.id, jobID: "deploy"))

        let live = try await store.insertRun(RecordFixtures.run(pid: getpid()))
        let liveJob = try await store.insertJob(RecordFixtures.job(runID: live.id))
        let orphan = try await store.insertRun(RecordFixtures.run(pid: 0))
        let finished = try await store.insertRun(RecordFixtures.run(pid: deadPID))
        try await store.finishRun(id: finished.id, conclusion: .success, at: RecordFixtures.start)

        let now = Date(timeIntervalSince1970: 1_763_000_100)
        #expect(try await store.reconcileInterruptedRuns(now: now) == 2)

        let reconciled = try #require(try await store.run(id: dead.id))
        #expect(reconciled.conclusion == .cancelled)
        #expect(reconciled.finishedAt == now)
        let jobs = Dictionary(uniqueKeysWithValues: try await store.jobs(runID: dead.id).map { ($0.id, $0) })
        #expect(jobs[finishedJob.id]?.conclusion == .success)
        #expect(jobs[finishedJob.id]?.finishedAt == Date(timeIntervalSince1970: 1_763_000_000.123))
        #expect(jobs[runningJob.id]?.conclusion == .cancelled)
        #expect(jobs[runningJob.id]?.finishedAt == now)
        #expect(jobs[pendingJob.id]?.conclusion == .cancelled)

        #expect(try await store.run(id: orphan.id)?.conclusion == .cancelled)
        #expect(try await store.run(id: finished.id)?.conclusion == .success)
        #expect(try await store.run(id: live.id) == live)
        #expect(try await store.jobs(runID: live.id) == [liveJob])

        #expect(try await store.reconcileInterruptedRuns(now: now) == 0)
    }
}
