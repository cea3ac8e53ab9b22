import Expressions
import Foundation
import Persistence
import Workflows

/// Runs one step in a scope: decides `if`, evaluates env, dispatches to `run` or an action, records the result.
enum StepRunner {
    static func run(_ step: Step, scope: StepScope, state: JobState) async {
        let key = state.leg.displayKey
        let stepID = step.id ?? "__\(scope.depth)_\(step.index)"
        let started = Date()
        state.stepCounter += 1
        var name = defaultName(step)
        var env = state.baseEnv.merging(state.env) { $1 }.merging(scope.callerEnv) { $1 }
        var outcome = Conclusion.success
        var outputs: [String: String] = [:]
        var log = ""
        var continueOnError = false

        if Task.isCancelled { state.cancelled = true }
        do {
            let base = JobRunner.context(state, env: env, steps: scope)
            if let stepName = step.name { name = try stepName.evaluateString(in: base) }
            for entry in step.env { env[entry.key.text] = try entry.value.evaluateString(in: JobRunner.context(state, env: env, steps: scope)) }
            let evaluation = JobRunner.context(state, env: env, steps: scope)
            continueOnError = try step.continueOnError?.evaluate(in: evaluation).isTruthy ?? false
            let shouldRun: Bool
            if let condition = step.condition {
                shouldRun = try condition.evaluate(in: evaluation)
            } else {
                shouldRun = state.status == .success
            }
            guard shouldRun else {
                scope.steps.record(id: stepID, outputs: [:], outcome: "skipped", conclusion: "skipped")
                state.stepReports.append(.init(name: name, outcome: "skipped", conclusion: "skipped", durationMs: 0))
                await record(state, name: name, index: state.stepCounter, started: started, outcome: .skipped, conclusion: .skipped, log: "")
                return
            }
            state.run.console.job(key, "▶ " + name)
            let invocation = StepInvocation(step: step, name: name, env: env, scope: scope, state: state, evaluation: evaluation)
            let result = try await invocation.perform()
            outcome = result.outcome
            outputs = result.outputs
            log = result.log
        } catch let failure as EvaluationFailure {
            let message = "\(failure.location): \(failure.message)"
            state.run.console.job(key, "✗ " + message)
            outcome = .failure
            log = message
        } catch {
            state.run.console.job(key, "✗ \(error)")
            outcome = .failure
            log = "\(error)"
        }
        let conclusion: Conclusion = (outcome == .failure && continueOnError) ? .success : outcome
        scope.steps.record(id: stepID, outputs: outputs, outcome: outcome.rawValue, conclusion: conclusion.rawValue)
        if conclusion == .failure {
            if scope.depth == 0 { state.failed = true }
        }
        if outcome == .cancelled { state.cancelled = true }
        let elapsed = Date().timeIntervalSince(started)
        let symbol = outcome == .success ? "✓" : (outcome == .failure ? "✗" : "■")
        var line = "\(symbol) \(name) (\(formatDuration(elapsed)))"
        if outcome == .failure && continueOnError { line += " failed, continuing because continue-on-error is set" }
        state.run.console.job(key, line)
        state.stepReports.append(.init(
            name: name, outcome: outcome.rawValue, conclusion: conclusion.rawValue, durationMs: Int(elapsed * 1000)))
        await record(state, name: name, index: state.stepCounter, started: started, outcome: outcome, conclusion: conclusion, log: log)
    }

    static func record(
        _ state: JobState, name: String, index: Int, started: Date, outcome: Conclusion, conclusion: Conclusion, log: String
    ) async {
        guard state.recordID != 0 else { return }
        _ = try? await state.run.store.insertStep(StepRecord(
            id: 0, jobID: state.recordID, index: index, name: name, startedAt: started, finishedAt: Date(),
            outcome: outcome, conclusion: conclusion, log: state.run.masker.mask(log)))
    }

    /// `Run <first line>` for scripts, `Run <action>` for actions, as GitHub names unnamed steps.
    static func defaultName(_ step: Step) -> String {
        if let run = step.run {
            let first = run.text.split(separator: "\n").first.map(String.init) ?? ""
            return "Run " + first.trimmingCharacters(in: .whitespaces)
        }
        return "Run " + (step.uses?.text ?? "step")
    }
}
