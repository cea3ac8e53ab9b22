import Diagnostics
import Workflows

/// What several rules need from one workflow, worked out once: every `run:` step with its job, its shell and its
/// script split into commands.
public struct LintContext: Sendable {
    /// One `run:` step.
    public struct RunStep: Sendable {
        /// The job the step belongs to.
        public var job: Job
        public var step: Step
        /// The `run:` scalar, for positions in the file.
        public var run: YAMLScalar
        /// The shell the step runs in, and its options.
        public var dialect: ShellDialect
        /// The script split into commands; empty for shells other than POSIX ones.
        public var script: ShellScript

        /// The file position of a UTF-8 offset in the script.
        public func location(ofUTF8 offset: Int) -> SourceLocation {
            run.location(ofOffset: script.characterOffset(ofUTF8: offset))
        }
    }

    /// The `run:` steps of every job, in file order, including steps inside `parallel:` groups.
    public var runSteps: [RunStep]
    /// Indexes into `runSteps` by the location of the step.
    private var runStepIndexes: [SourceLocation: Int] = [:]

    /// Works out the shared facts for `workflow`.
    public init(workflow: Workflow) {
        var runSteps: [RunStep] = []
        for job in workflow.jobs {
            for step in Self.flattened(job.steps) {
                guard let run = step.run else { continue }
                let dialect = ShellDialect(step: step, job: job, workflow: workflow)
                let script = ShellScript(dialect.isPOSIX ? run.text : "")
                runSteps.append(RunStep(job: job, step: step, run: run, dialect: dialect, script: script))
            }
        }
        self.runSteps = runSteps
        for (index, runStep) in runSteps.enumerated() { runStepIndexes[runStep.step.location] = index }
    }

    /// The `run:` step at `location`.
    public func runStep(at location: SourceLocation) -> RunStep? {
        runStepIndexes[location].map { runSteps[$0] }
    }

    /// `steps` with the members of `parallel:` groups in place of each group.
    public static func flattened(_ steps: [Step]) -> [Step] {
        steps.flatMap { step in step.parallel.map(flattened) ?? [step] }
    }
}
