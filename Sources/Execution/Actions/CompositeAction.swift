import Expressions
import Foundation
import Persistence
import Workflows

/// Runs a composite action's steps in their own `steps`, `inputs` and status scope; env written to GITHUB_ENV
/// reaches the job.
enum CompositeAction {
    static func run(
        steps: [Step], metadata: ActionMetadata, directory: String, inputs: [String: String], _ invocation: StepInvocation
    ) async -> StepResult {
        guard invocation.scope.depth < 10 else { return invocation.fail("composite actions are nested more than 10 deep") }
        let state = invocation.state
        let inner = StepScope(
            steps: StepsContext(), inputs: .object(inputs.mapValues { .string($0) }), actionPath: directory,
            callerEnv: invocation.scope.callerEnv.merging(invocation.env) { $1 }, depth: invocation.scope.depth + 1)
        await StepRunner.runAll(steps, scope: inner, state: state)
        let evaluation = JobRunner.context(state, env: state.currentEnv, steps: inner)
        var outputs: [String: String] = [:]
        for output in metadata.outputs {
            outputs[output.key.text] = (try? output.value["value"]?.evaluateString(in: evaluation)) ?? ""
        }
        if state.cancelled { return StepResult(outcome: .cancelled, outputs: outputs) }
        return StepResult(outcome: inner.status.failed ? .failure : .success, outputs: outputs)
    }
}
