import Foundation

/// A ``Store`` that keeps everything in memory, for unit tests of the modules that use a store.
///
/// It follows the ``Store`` contract (identifiers, numbering, millisecond dates, errors), except that
/// nothing survives the process. Integration tests use the SQLite store instead.
public actor InMemoryStore: Store {
    var runRecords: [RunRecord] = []
    var jobRecords: [JobRecord] = []
    private var stepRecords: [StepRecord] = []
    private var lastID: Int64 = 0
    /// The test history and quarantine; see `InMemoryStore+Tests.swift`.
    var testTables = InMemoryTestTables()

    /// Creates an empty store.
    public init() {}

    /// Inserts `run`, numbered after the last run of its repository.
    public func insertRun(_ run: RunRecord) throws -> RunRecord {
        var run = run
        run.id = nextID()
        run.number = (runRecords.filter { $0.repository == run.repository }.map(\.number).max() ?? 0) + 1
        run.startedAt = Self.rounded(run.startedAt)
        run.finishedAt = run.finishedAt.map(Self.rounded)
        runRecords.append(run)
        return run
    }

    /// Sets the conclusion and end of run `id`.
    public func finishRun(id: Int64, conclusion: Conclusion, at: Date) throws {
        let index = try position(ofRun: id)
        runRecords[index].conclusion = conclusion
        runRecords[index].finishedAt = Self.rounded(at)
    }

    /// Inserts `job` into an existing run, with a key the run does not have yet.
    public func insertJob(_ job: JobRecord) throws -> JobRecord {
        _ = try position(ofRun: job.runID, code: .constraintViolation)
        if jobRecords.contains(where: { $0.runID == job.runID && $0.key == job.key }) {
            throw StoreError(.constraintViolation, "run \(job.runID) already has a job with key \"\(job.key)\"")
        }
        var job = job
        job.id = nextID()
        job.startedAt = job.startedAt.map(Self.rounded)
        job.finishedAt = job.finishedAt.map(Self.rounded)
        jobRecords.append(job)
        return job
    }

    /// Sets the start of job `id`.
    public func startJob(id: Int64, at: Date) throws {
        let index = try position(ofJob: id)
        jobRecords[index].startedAt = Self.rounded(at)
    }

    /// Sets the conclusion and end of job `id`.
    public func finishJob(id: Int64, conclusion: Conclusion, at: Date) throws {
        let index = try position(ofJob: id)
        jobRecords[index].conclusion = conclusion
        jobRecords[index].finishedAt = Self.rounded(at)
    }

    /// Inserts `step` into an existing job.
    public func insertStep(_ step: StepRecord) throws -> StepRecord {
        _ = try position(ofJob: step.jobID, code: .constraintViolation)
        var step = step
        step.id = nextID()
        step.startedAt = Self.rounded(step.startedAt)
        step.finishedAt = Self.rounded(step.finishedAt)
        stepRecords.append(step)
        return step
    }

    /// At most `limit` runs, most recently inserted first.
    public func runs(limit: Int) -> [RunRecord] {
        Array(runRecords.reversed().prefix(max(limit, 0)))
    }

    /// The run with identifier `id`, or `nil`.
    public func run(id: Int64) -> RunRecord? {
        runRecords.first { $0.id == id }
    }

    /// The most recently inserted run with number `number`, or `nil`.
    public func run(number: Int) -> RunRecord? {
        runRecords.last { $0.number == number }
    }

    /// The jobs of run `runID`, in insertion order.
    public func jobs(runID: Int64) -> [JobRecord] {
        jobRecords.filter { $0.runID == runID }
    }

    /// The steps of job `jobID`, by index (and in insertion order for equal indexes).
    public func steps(jobID: Int64) -> [StepRecord] {
        stepRecords.enumerated()
            .filter { $0.element.jobID == jobID }
            .sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
            .map(\.element)
    }

    /// Cancels the unfinished runs, and their unfinished jobs, of processes that are gone; see ``Store``.
    public func reconcileInterruptedRuns(now: Date) -> Int {
        let now = Self.rounded(now)
        var count = 0
        for runIndex in runRecords.indices
        where runRecords[runIndex].conclusion == nil && !ProcessLiveness.isAlive(runRecords[runIndex].pid) {
            runRecords[runIndex].conclusion = .cancelled
            runRecords[runIndex].finishedAt = now
            for jobIndex in jobRecords.indices
            where jobRecords[jobIndex].runID == runRecords[runIndex].id && jobRecords[jobIndex].conclusion == nil {
                jobRecords[jobIndex].conclusion = .cancelled
                jobRecords[jobIndex].finishedAt = now
            }
            count += 1
        }
        return count
    }

    // One sequence for every table keeps ids unique across kinds, which catches a job id passed as a run id.
    private func nextID() -> Int64 {
        lastID += 1
        return lastID
    }

    private func position(ofRun id: Int64, code: StoreError.Code = .notFound) throws -> Int {
        guard let index = runRecords.firstIndex(where: { $0.id == id }) else {
            throw StoreError(code, "there is no run with id \(id)")
        }
        return index
    }

    private func position(ofJob id: Int64, code: StoreError.Code = .notFound) throws -> Int {
        guard let index = jobRecords.firstIndex(where: { $0.id == id }) else {
            throw StoreError(code, "there is no job with id \(id)")
        }
        return index
    }

    // The same rounding as the SQLite store, so records compare equal whichever store made them.
    private static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
