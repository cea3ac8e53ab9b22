import Expressions
import Foundation
import Persistence
import Workflows

/// The state of one running job that its steps change: env written to GITHUB_ENV, PATH additions, saved state,
/// post steps, step reports. Background and parallel steps run at once, so every change goes through `mutate`.
final class JobState: @unchecked Sendable {
    /// What steps change, kept together so one lock covers it.
    struct Mutable {
        /// Values written to GITHUB_ENV by earlier steps.
        var env: [String: String] = [:]
        /// Directories written to GITHUB_PATH, newest first.
        var pathAdditions: [String] = []
        /// Values saved with GITHUB_STATE / save-state, for post steps.
        var actionState: [String: String] = [:]
        var cancelled = false
        var stepCounter = 0
        var postSteps: [PostStep] = []
        var stepReports: [RunReport.StepReport] = []
    }

    let leg: JobLeg
    let run: RunContext
    let workspace: String
    let temp: String
    let owner: String
    /// The job's live log, created on its first line.
    let logPath: String
    private var log: FileHandle?
    /// The job's own step scope; composite actions open scopes of their own.
    let scope: StepScope
    private let lock = NSLock()
    private var mutable = Mutable()
    /// The job's id in the store, set by the first write in `records`; read only by later writes there.
    nonisolated(unsafe) var recordID: Int64 = 0
    let records = RecordQueue()
    /// Evaluated workflow and job `env` (set once before the first step).
    var baseEnv: [String: String] = [:]
    private var contexts: [String: Value]?

    init(leg: JobLeg, run: RunContext, workspace: String, temp: String, owner: String, logPath: String) {
        self.leg = leg
        self.run = run
        self.workspace = workspace
        self.temp = temp
        self.owner = owner
        self.logPath = logPath
        self.scope = StepScope(steps: StepsContext(), inputs: nil, actionPath: nil, callerEnv: [:], depth: 0)
    }

    func mutate<T>(_ body: (inout Mutable) -> T) -> T {
        lock.withLock { body(&mutable) }
    }

    var snapshot: Mutable { lock.withLock { mutable } }

    var failed: Bool { scope.status.failed }
    var cancelled: Bool { snapshot.cancelled }

    /// The job's status as `success()` / `failure()` see it at the top level.
    var status: JobStatus { cancelled ? .cancelled : (failed ? .failure : .success) }

    /// The contexts that do not change while the job runs, built once.
    func baseContexts(_ make: () -> [String: Value]) -> [String: Value] {
        lock.withLock {
            if let contexts { return contexts }
            let made = make()
            contexts = made
            return made
        }
    }

    /// Base env, then GITHUB_ENV values, as the env of a step before its own `env:`.
    var currentEnv: [String: String] { baseEnv.merging(snapshot.env) { $1 } }

    /// Writes a line to the job's live log file (already masked).
    func appendLog(_ line: String) {
        lock.withLock {
            if log == nil, (try? createFile(logPath)) != nil { log = FileHandle(forWritingAtPath: logPath) }
            log?.write(Data((line + "\n").utf8))
        }
    }

    func closeLog() {
        lock.withLock { try? log?.close() }
    }
}

/// Work a step left for the end of the job (a node action's `post`, saving a cache).
struct PostStep: Sendable {
    let name: String
    let body: @Sendable (JobState) async -> Conclusion
}

/// Whether a scope's steps have failed so far; `success()` and `failure()` read it.
final class ScopeStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var hasFailed = false

    var failed: Bool { lock.withLock { hasFailed } }

    func markFailed() { lock.withLock { hasFailed = true } }
}

/// The scope steps run in: the job itself, or a composite action with its own `steps`, `inputs` and status.
struct StepScope: @unchecked Sendable {
    let steps: StepsContext
    let inputs: Value?
    let actionPath: String?
    /// `env` of the steps that called the composite actions around this scope, outermost first.
    let callerEnv: [String: String]
    let depth: Int
    let status = ScopeStatus()
    let background = BackgroundSteps()
}
