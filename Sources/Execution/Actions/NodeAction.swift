import Expressions
import Foundation
import Persistence
import Workflows

/// Runs a JavaScript action with the host's `node`: `pre` and `main` now, `post` when the job ends.
enum NodeAction {
    static func run(
        using: String, main: String, pre: String?, post: String?, directory: String, inputs: [String: String],
        _ invocation: StepInvocation
    ) async throws -> StepResult {
        let state = invocation.state
        let node = LocalProcessBackend.resolve("node", path: state.run.hostEnvironment["PATH"])
        guard node != "node" else {
            return invocation.fail("this action runs with \(using), but there is no \"node\" on PATH; install Node.js to run it")
        }
        var inputEnv: [String: String] = [:]
        for (name, value) in inputs {
            inputEnv["INPUT_" + name.uppercased().replacingOccurrences(of: " ", with: "_")] = value
        }
        inputEnv["GITHUB_ACTION_PATH"] = directory
        let postEnv = inputEnv
        var log = ""
        if let pre {
            let result = try await ProcessStep.execute(
                invocation, arguments: [node, directory + "/" + pre], directory: state.workspace, extraEnv: inputEnv)
            log += result.log
            guard result.outcome == .success else { return result }
        }
        var result = try await ProcessStep.execute(
            invocation, arguments: [node, directory + "/" + main], directory: state.workspace, extraEnv: inputEnv)
        result.log = log + result.log
        if let post {
            let stepState = state.snapshot.actionState
            state.mutate { $0.postSteps.append(PostStep(name: "Post " + invocation.name) { state in
                state.run.console.job(state.leg.displayKey, "▶ Post " + invocation.name)
                var env = postEnv
                for (name, value) in stepState { env["STATE_" + name] = value }
                let outcome = (try? await ProcessStep.execute(
                    invocation, arguments: [node, directory + "/" + post], directory: state.workspace, extraEnv: env))?.outcome
                return outcome ?? .failure
            }) }
        }
        return result
    }
}
