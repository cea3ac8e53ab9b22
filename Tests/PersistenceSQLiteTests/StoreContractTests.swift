import Foundation
import Persistence
import Testing

/// The ``Store`` contract, checked against every store.
@Suite("the Store contract")
struct StoreContractTests {
    @Test("a run, its jobs and its steps read back as they were inserted", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try kind.make(in: directory)

        let run = try await store.insertRun(RecordFixtures.run())
        #expect(run.id != 0)
        #expect(run.number == 1)
        #expect(run.startedAt == Date(timeIntervalSince1970: 1_763_000_000.123))
        let job = try await store.insertJob(RecordFixtures.job(runID: run.id, matrix: #"{"os":"linux"}"#))
        #expect(job.id != 0)
        #expect(job.key == #"ci/build{"os":"linux"}"#)
        let step = try await store.insertStep(RecordFixtures.step(jobID: job.id, index: 0, conclusion: .failure))

        try await store.startJob(id: job.id, at: RecordFixtures.start.addingTimeInterval(1))
        try await store.finishJob(id: job.id, conclusion: .failure, at: RecordFixtures.start.addingTimeInterval(2))
        try await store.finishRun(id: run.id, conclusion: .failure, at: RecordFixtures.start.addingTimeInterval(3))

        var finishedRun = run
        finishedRun.conclusion = .failure
        finishedRun.finishedAt = Date(timeIntervalSince1970: 1_763_000_003.123)
        #expect(try await store.run(id: run.id) == finishedRun)
        #expect(try await store.run(number: 1) == finishedRun)

        var finishedJob = job
        finishedJob.startedAt = Date(timeIntervalSince1970: 1_763_000_001.123)
        finishedJob.finishedAt = Date(timeIntervalSince1970: 1_763_000_002.123)
        finishedJob.conclusion = .failure
        #expect(try await store.jobs(runID: run.id) == [finishedJob])

        #expect(try await store.steps(jobID: job.id) == [step])
        #expect(step.finishedAt == Date(timeIntervalSince1970: 1_763_000_000.624))
        #expect(step.log == "output of step 0\n***\n")
    }

    @Test("run numbers count up per repository and runs are listed newest first", arguments: StoreKind.allCases)
    func numbering(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try kind.make(in: directory)

        var inserted: [RunRecord] = []
        for repository in ["/a", "/a", "/b", "/a"] {
            inserted.append(try await store.insertRun(RecordFixtures.run(repository: repository)))
        }
        #expect(inserted.map(\.number) == [1, 2, 1, 3])
        #expect(Set(inserted.map(\.id)).count == 4)

        #expect(try await store.runs(limit: 10) == inserted.reversed())
        #expect(try await store.runs(limit: 2) == [inserted[3], inserted[2]])
        #expect(try await store.runs(limit: 0) == [])
        #expect(try await store.run(number: 3) == inserted[3])
        #expect(try await store.run(number: 4) == nil)
        #expect(try await store.run(id: 999_999) == nil)
    }

    @Test("jobs come back in insertion order and steps by index", arguments: StoreKind.allCases)
    func ordering(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try kind.make(in: directory)
        let run = try await store.insertRun(RecordFixtures.run())
        let other = try await store.insertRun(RecordFixtures.run())

        var jobs: [JobRecord] = []
        for jobID in ["zeta", "alpha", "mid"] {
            jobs.append(try await store.insertJob(RecordFixtures.job(runID: run.id, jobID: jobID)))
            _ = try await store.insertJob(RecordFixtures.job(runID: other.id, jobID: jobID))
        }
        #expect(try await store.jobs(runID: run.id).map(\.jobID) == ["zeta", "alpha", "mid"])

        for index in [2, 0, 3, 1] {
            _ = try await store.insertStep(RecordFixtures.step(jobID: jobs[0].id, index: index))
        }
        _ = try await store.insertStep(RecordFixtures.step(jobID: jobs[1].id, index: 0))
        #expect(try await store.steps(jobID: jobs[0].id).map(\.index) == [0, 1, 2, 3])
        #expect(try await store.steps(jobID: jobs[2].id) == [])
    }

    @Test("writes that name a missing record throw a StoreError with the right code", arguments: StoreKind.allCases)
    func missingRecords(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try kind.make(in: directory)
        let run = try await store.insertRun(RecordFixtures.run())
        let job = try await store.insertJob(RecordFixtures.job(runID: run.id))

        let cases: [(StoreError.Code, @Sendable () async throws -> Void)] = [
            (.notFound, { try await store.finishRun(id: 4242, conclusion: .success, at: .now) }),
            (.notFound, { try await store.startJob(id: 4242, at: .now) }),
            (.notFound, { try await store.finishJob(id: 4242, conclusion: .success, at: .now) }),
            (.constraintViolation, { _ = try await store.insertJob(RecordFixtures.job(runID: 4242)) }),
            (.constraintViolation, { _ = try await store.insertJob(RecordFixtures.job(runID: run.id)) }),
            (.constraintViolation, { _ = try await store.insertStep(RecordFixtures.step(jobID: 4242, index: 0)) }),
        ]
        for (code, operation) in cases {
            let error = await #expect(throws: StoreError.self) { try await operation() }
            #expect(error?.code == code)
        }
        #expect(try await store.jobs(runID: run.id) == [job])
    }

    @Test("finishing twice keeps the last conclusion", arguments: StoreKind.allCases)
    func finishingTwice(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try kind.make(in: directory)
        let run = try await store.insertRun(RecordFixtures.run())

        try await store.finishRun(id: run.id, conclusion: .failure, at: RecordFixtures.start)
        try await store.finishRun(id: run.id, conclusion: .cancelled, at: RecordFixtures.start.addingTimeInterval(1))
        let stored = try #require(try await store.run(id: run.id))
        #expect(stored.conclusion == .cancelled)
        #expect(stored.finishedAt == Date(timeIntervalSince1970: 1_763_000_001.123))
    }
}
