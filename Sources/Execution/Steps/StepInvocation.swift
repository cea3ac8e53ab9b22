import Expressions
import Foundation
import Persistence
import Workflows

/// What a step produced.
struct StepResult: Sendable {
    var outcome: Conclusion
    var outputs: [String: String] = [:]
    var log: String = ""

    static func failure(_ message: String) -> StepResult { StepResult(outcome: .failure, log: message) }
}

/// A step that is about to run, with its name, environment and evaluation context settled.
struct StepInvocation: @unchecked Sendable {
    let step: Step
    let name: String
    /// The step's number within the job, for file names and records.
    let index: Int
    let env: [String: String]
    let scope: StepScope
    let state: JobState
    let evaluation: EvaluationContext

    func perform() async throws -> StepResult {
        if let run = step.run { return try await RunStep.perform(self, script: run) }
        if let uses = step.uses { return try await UsesStep.perform(self, uses: uses) }
        return .failure("the step has neither \"run\" nor \"uses\"")
    }

    /// Reports a problem in the step's log and on the terminal.
    func fail(_ message: String) -> StepResult {
        state.run.console.job(state.leg.displayKey, "  " + message)
        state.appendLog(message)
        return .failure(message)
    }

    /// The step's `timeout-minutes`, if set.
    func timeout() throws -> Duration? {
        guard let value = step.timeoutMinutes else { return nil }
        let minutes = try value.evaluate(in: evaluation).numberValue
        guard minutes.isFinite, minutes > 0 else { return nil }
        return .milliseconds(Int64(minutes * 60_000))
    }
}

/// A `run:` step: the script is written to a file and run by its shell.
enum RunStep {
    static func perform(_ invocation: StepInvocation, script scalar: YAMLScalar) async throws -> StepResult {
        let state = invocation.state
        let script = try scalar.evaluateString(in: invocation.evaluation)
        let defaults = invocation.scope.depth == 0
            ? state.leg.scope.workflow.defaults.overridden(by: state.leg.job.defaults) : RunDefaults()
        let shellName = try (invocation.step.shell ?? defaults.shell)?.evaluateString(in: invocation.evaluation)
        let directory = try (invocation.step.workingDirectory ?? defaults.workingDirectory)?
            .evaluateString(in: invocation.evaluation)
        let shell = Shell.resolve(shellName) { name in
            name == "bash" ? state.run.hasBash : LocalProcessBackend.resolve(name, path: state.run.hostEnvironment["PATH"]) != name
        }
        let scriptName = "\(state.owner)-\(invocation.index)-\(UUID().uuidString.prefix(8))"
        let scriptPath = try state.run.scratch.write(
            scriptName + (shell.fileExtension.isEmpty ? "" : "." + shell.fileExtension), script)
        defer { try? FileManager.default.removeItem(atPath: scriptPath) }
        return try await ProcessStep.execute(
            invocation, arguments: shell.arguments(scriptPath: scriptPath), directory: resolve(directory, in: state.workspace))
    }

    /// A working directory: absolute as given, otherwise under the workspace.
    static func resolve(_ directory: String?, in workspace: String) -> String {
        guard let directory, !directory.isEmpty else { return workspace }
        return directory.hasPrefix("/") ? directory : workspace + "/" + directory
    }
}
