import Expressions
import Foundation
import Persistence
import Workflows

/// Runs steps in a scope: decides `if`, evaluates env, dispatches to `run` or an action, records the result;
/// `background`, `wait`, `wait-all`, `cancel` and `parallel` order them.
enum StepRunner {
    /// Runs `steps` in order; background steps still running at the end are stopped.
    static func runAll(_ steps: [Step], scope: StepScope, state: JobState) async {
        for step in steps {
            if let group = step.parallel {
                await withTaskGroup(of: Void.self) { tasks in
                    for inner in group { tasks.addTask { await run(inner, scope: scope, state: state) } }
                }
            } else if let ids = step.wait {
                for task in scope.background.take(ids) { await task.value }
            } else if step.waitAll {
                for task in scope.background.take(nil) { await task.value }
            } else if let id = step.cancel {
                for task in scope.background.take([id]) {
                    task.cancel()
                    await task.value
                }
            } else if step.background?.scalar?.literalValue.isTruthy == true {
                let task = Task { await run(step, scope: scope, state: state) }
                scope.background.add(step.id ?? "__background_\(step.index)", task)
            } else {
                await run(step, scope: scope, state: state)
            }
        }
        for task in scope.background.take(nil) {
            task.cancel()
            await task.value
        }
    }

    static func run(_ step: Step, scope: StepScope, state: JobState) async {
        let key = state.leg.displayKey
        let stepID = step.id ?? "__\(scope.depth)_\(step.index)"
        let started = Date()
        let index = state.mutate { mutable -> Int in
            mutable.stepCounter += 1
            if Task.isCancelled { mutable.cancelled = true }
            return mutable.stepCounter
        }
        var name = defaultName(step)
        var env = state.currentEnv.merging(scope.callerEnv) { $1 }
        var outcome = Conclusion.success
        var outputs: [String: String] = [:]
        var log = ""
        var continueOnError = false

        do {
            let base = JobRunner.context(state, env: env, steps: scope)
            if let stepName = step.name { name = try stepName.evaluateString(in: base) }
            for entry in step.env { env[entry.key.text] = try entry.value.evaluateString(in: JobRunner.context(state, env: env, steps: scope)) }
            let evaluation = JobRunner.context(state, env: env, steps: scope)
            continueOnError = try step.continueOnError?.evaluate(in: evaluation).isTruthy ?? false
            let shouldRun = try step.condition?.evaluate(in: evaluation) ?? (evaluation.status == .success)
            guard shouldRun else {
                scope.steps.record(id: stepID, outputs: [:], outcome: "skipped", conclusion: "skipped")
                state.mutate { $0.stepReports.append(.init(name: name, outcome: "skipped", conclusion: "skipped", durationMs: 0)) }
                await record(state, name: name, index: index, started: started, outcome: .skipped, conclusion: .skipped, log: "")
                return
            }
            state.run.console.job(key, "▶ " + name)
            let invocation = StepInvocation(
                step: step, name: name, index: index, env: env, scope: scope, state: state, evaluation: evaluation)
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
        if conclusion == .failure { scope.status.markFailed() }
        if outcome == .cancelled { state.mutate { $0.cancelled = true } }
        let elapsed = Date().timeIntervalSince(started)
        let symbol = outcome == .success ? "✓" : (outcome == .failure ? "✗" : "■")
        var line = "\(symbol) \(name) (\(formatDuration(elapsed)))"
        if outcome == .failure && continueOnError { line += " failed, continuing because continue-on-error is set" }
        state.run.console.job(key, line)
        let report = RunReport.StepReport(
            name: name, outcome: outcome.rawValue, conclusion: conclusion.rawValue, durationMs: Int(elapsed * 1000))
        state.mutate { $0.stepReports.append(report) }
        await record(state, name: name, index: index, started: started, outcome: outcome, conclusion: conclusion, log: log)
    }

    static func record(
        _ state: JobState, name: String, index: Int, started: Date, outcome: Conclusion, conclusion: Conclusion, log: String
    ) async {
        let finished = Date()
        let masked = state.run.masker.mask(log)
        state.records.enqueue {
            guard state.recordID != 0 else { return }
            _ = try? await state.run.store.insertStep(StepRecord(
                id: 0, jobID: state.recordID, index: index, name: name, startedAt: started, finishedAt: finished,
                outcome: outcome, conclusion: conclusion, log: masked))
        }
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
