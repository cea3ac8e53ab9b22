import Foundation

/// The history of runs, jobs and steps: what ran, when, and how it ended.
///
/// Contract, for every implementation:
/// - **Write before acting.** Each write is durable and atomic when the call returns: a run is
///   inserted before its jobs start and finished after they end, so that after a crash
///   ``reconcileInterruptedRuns(now:)`` can tell what was interrupted.
/// - **One transaction per call.** A write either happens whole or not at all; a reader never sees half of it.
/// - **Identifiers are the store's.** `insert…` ignores the `id` (and a run's `number`) it is given and returns
///   the record as stored, with those assigned. A run's number is the largest number of its repository
///   plus one, assigned atomically with the insert, so concurrent processes never share one.
/// - **Dates are kept to the millisecond.** Records come back (from inserts too) with dates rounded to it.
/// - **Missing parents and targets are errors.** Inserting a job for an unknown run or a step for an unknown
///   job, inserting a job whose `key` its run already has, and starting or finishing an unknown id throw
///   ``StoreError``; finishing again overwrites (last write wins), so a retried call is harmless.
/// - **Concurrency.** Calls may come from any task at once, and from several processes sharing one store.
/// - **Failure.** Every error thrown is a ``StoreError``.
public protocol Store: Sendable {
    /// Inserts a new run and returns it with its `id` and its `number` in its repository assigned.
    func insertRun(_ run: RunRecord) async throws -> RunRecord
    /// Records that run `id` ended with `conclusion` at `at`.
    func finishRun(id: Int64, conclusion: Conclusion, at: Date) async throws
    /// Inserts a job of an existing run and returns it with its `id` assigned.
    func insertJob(_ job: JobRecord) async throws -> JobRecord
    /// Records that job `id` started at `at`.
    func startJob(id: Int64, at: Date) async throws
    /// Records that job `id` ended with `conclusion` at `at`.
    func finishJob(id: Int64, conclusion: Conclusion, at: Date) async throws
    /// Inserts a finished step of an existing job and returns it with its `id` assigned.
    func insertStep(_ step: StepRecord) async throws -> StepRecord
    /// At most `limit` runs, newest (most recently inserted) first.
    func runs(limit: Int) async throws -> [RunRecord]
    /// The run with identifier `id`, or `nil`.
    func run(id: Int64) async throws -> RunRecord?
    /// The run with number `number`, or `nil`.
    ///
    /// A store normally holds one repository's history, where numbers are unique; if it holds
    /// several, this is the most recently inserted run with that number.
    func run(number: Int) async throws -> RunRecord?
    /// The jobs of run `runID`, in insertion order.
    func jobs(runID: Int64) async throws -> [JobRecord]
    /// The steps of job `jobID`, by index.
    func steps(jobID: Int64) async throws -> [StepRecord]
    /// Marks runs that have no conclusion and whose process is gone as cancelled, finished at `now`,
    /// together with their unfinished jobs; returns how many runs it marked.
    ///
    /// A process is gone when its pid is 0 or `kill(pid, 0)` fails with `ESRCH`
    /// (see ``ProcessLiveness``). A run of a live process, this one included, is left alone.
    /// Called at start-up; safe to call at any time and from several processes.
    func reconcileInterruptedRuns(now: Date) async throws -> Int
}
