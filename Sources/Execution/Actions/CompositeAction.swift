import Expressions
import Foundation
import Persistence
import Workflows

/// Runs a composite action's steps in their own `steps` and `inputs` scope; env written to GITHUB_ENV reaches the job.
enum CompositeAction {
    static func run(
        steps: [Step], metadata: ActionMetadata, directory: String, inputs: [String: String], _ invocation: StepInvocation
    ) async -> StepResult {
        guard invocation.scope.depth < 10 else { return invocation.fail("composite actions are nested more than 10 deep") }
        let state = invocation.state
        let inner = StepScope(
            steps: StepsContext(), inputs: .object(inputs.mapValues { .string($0) }), actionPath: directory,
            callerEnv: invocation.scope.callerEnv.merging(invocation.env) { $1 }, depth: invocation.scope.depth + 1)
        let failedBefore = state.failed
        // Inside the action, success() refers to the action's own steps.
        state.failed = false
        var innerFailed = false
        for step in steps {
            if innerFailed { state.failed = true }
            await StepRunner.run(step, scope: inner, state: state)
            if let id = step.id ?? Optional("__\(inner.depth)_\(step.index)"),
                inner.steps.value[property: id][property: "conclusion"].stringValue == "failure"
            {
                innerFailed = true
            }
        }
        state.failed = failedBefore
        let evaluation = JobRunner.context(state, env: state.baseEnv.merging(state.env) { $1 }, steps: inner)
        var outputs: [String: String] = [:]
        for output in metadata.outputs {
            outputs[output.key.text] = (try? output.value["value"]?.evaluateString(in: evaluation)) ?? ""
        }
        if state.cancelled { return StepResult(outcome: .cancelled, outputs: outputs) }
        return StepResult(outcome: innerFailed ? .failure : .success, outputs: outputs)
    }
}
