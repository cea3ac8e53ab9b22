import Expressions
import Foundation
import Persistence
import Workflows

/// The mutable state of one running job: environment written by steps, PATH additions, failure, post steps.
///
/// Only the job's own task touches it, one step at a time.
final class JobState: @unchecked Sendable {
    let leg: JobLeg
    let run: RunContext
    let workspace: String
    let temp: String
    let owner: String
    let log: FileHandle?
    var recordID: Int64 = 0
    /// The job's `steps` context (composite actions have their own).
    let steps = StepsContext()
    /// Values written to GITHUB_ENV by earlier steps.
    var env: [String: String] = [:]
    /// Directories written to GITHUB_PATH, newest first.
    var pathAdditions: [String] = []
    /// Values saved with GITHUB_STATE / save-state, for post steps.
    var actionState: [String: String] = [:]
    var failed = false
    var cancelled = false
    var stepCounter = 0
    var postSteps: [PostStep] = []
    var stepReports: [RunReport.StepReport] = []
    /// Evaluated workflow and job `env`, in order: workflow first, job on top.
    var baseEnv: [String: String] = [:]
    var baseContexts: [String: Value] = [:]

    init(leg: JobLeg, run: RunContext, workspace: String, temp: String, owner: String, log: FileHandle?) {
        self.leg = leg
        self.run = run
        self.workspace = workspace
        self.temp = temp
        self.owner = owner
        self.log = log
    }

    var status: JobStatus { cancelled ? .cancelled : (failed ? .failure : .success) }

    /// Writes a line to the job's live log file (already masked).
    func appendLog(_ line: String) {
        log?.write(Data((line + "\n").utf8))
    }
}

/// Work a step left for the end of the job (a node action's `post`, saving a cache).
struct PostStep: Sendable {
    let name: String
    let body: @Sendable (JobState) async -> Conclusion
}

/// The scope steps run in: the job itself, or a composite action with its own `steps` and `inputs`.
struct StepScope: @unchecked Sendable {
    let steps: StepsContext
    let inputs: Value?
    let actionPath: String?
    /// `env` of the steps that called the composite actions around this scope, outermost first.
    let callerEnv: [String: String]
    let depth: Int
}
