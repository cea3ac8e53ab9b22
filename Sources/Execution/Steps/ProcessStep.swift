import Expressions
import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Persistence
import Workflows

/// Runs a step's process with the runner files and environment GitHub's runner provides, then applies what the
/// step wrote to GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE and GITHUB_STEP_SUMMARY.
enum ProcessStep {
    static let fileNames = ["ENV": "env", "OUTPUT": "output", "PATH": "path", "STATE": "state", "STEP_SUMMARY": "summary"]

    static func execute(
        _ invocation: StepInvocation, arguments: [String], directory: String, extraEnv: [String: String] = [:]
    ) async throws -> StepResult {
        let state = invocation.state
        let run = state.run
        let key = state.leg.displayKey
        let prefix = "\(state.owner)-\(invocation.index)-\(UUID().uuidString.prefix(8))-"
        var files: [String: String] = [:]
        for (variable, name) in fileNames {
            files["GITHUB_" + variable] = try run.scratch.write(prefix + name)
        }
        defer { for path in files.values { unlink(path) } }
        guard FileManager.default.fileExists(atPath: directory) else {
            return invocation.fail("the working directory \"\(directory)\" does not exist")
        }
        var environment = processEnvironment(invocation)
        environment.merge(files) { $1 }
        environment.merge(extraEnv) { $1 }

        let processor = OutputProcessor(masker: run.masker, showDebug: run.options.secrets["ACTIONS_STEP_DEBUG"] == "true") { line in
            run.console.job(key, "  " + line)
            state.appendLog(line)
        }
        let spec = ProcessSpec(
            arguments: arguments, environment: environment, directory: directory, owner: state.owner,
            timeout: try invocation.timeout())
        let termination: Termination
        do {
            termination = try await LocalProcessBackend.run(spec, grace: run.options.grace) { processor.handle($0) }
        } catch {
            return invocation.fail("\(error)")
        }
        var outputs = Dictionary(processor.outputs, uniquingKeysWith: { $1 })
        do {
            try apply(files: files, to: state, outputs: &outputs, scope: invocation.scope)
        } catch {
            processor.note("\(error)")
            return StepResult(outcome: .failure, outputs: outputs, log: processor.text)
        }
        let commandPaths = processor.paths
        state.mutate { $0.pathAdditions.insert(contentsOf: commandPaths.reversed(), at: 0) }
        let outcome: Conclusion
        switch termination {
        case .exited(0): outcome = .success
        case .exited(let code):
            processor.note("the process exited with code \(code)")
            outcome = .failure
        case .signalled(let signal):
            processor.note("the process was killed by signal \(signal)")
            outcome = .failure
        case .timedOut:
            processor.note("the step ran past its timeout-minutes and was stopped")
            outcome = .failure
        case .cancelled:
            processor.note("the step was cancelled")
            outcome = .cancelled
        }
        return StepResult(outcome: outcome, outputs: outputs, log: processor.text)
    }

    /// The host environment, GitHub's default variables, then the step's env, with PATH additions in front.
    static func processEnvironment(_ invocation: StepInvocation) -> [String: String] {
        let state = invocation.state
        let run = state.run
        let git = run.git
        var environment = run.hostEnvironment
        let defaults: [String: String] = [
            "CI": "true", "GITHUB_ACTIONS": "true", "ACT": "true", "GANTRY": "true",
            "GITHUB_WORKSPACE": state.workspace, "GITHUB_SHA": git.sha, "GITHUB_REF": git.ref,
            "GITHUB_REF_NAME": git.refName, "GITHUB_REF_TYPE": git.refType, "GITHUB_EVENT_NAME": run.options.event,
            "GITHUB_EVENT_PATH": run.runDirectory + "/event.json", "GITHUB_RUN_ID": String(run.runID),
            "GITHUB_RUN_NUMBER": String(run.runNumber), "GITHUB_RUN_ATTEMPT": "1", "GITHUB_JOB": state.leg.job.id,
            "GITHUB_REPOSITORY": git.repository, "GITHUB_REPOSITORY_OWNER": git.owner, "GITHUB_ACTOR": run.options.actor,
            "GITHUB_TRIGGERING_ACTOR": run.options.actor, "GITHUB_WORKFLOW": state.leg.scope.workflow.displayName,
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_GRAPHQL_URL": "https://api.github.com/graphql", "GITHUB_HEAD_REF": "", "GITHUB_BASE_REF": "",
            "GITHUB_ACTION": invocation.step.id ?? "__run_\(invocation.step.index)", "RUNNER_OS": "Linux",
            "RUNNER_ARCH": "X64", "RUNNER_NAME": "gantry", "RUNNER_TEMP": state.temp,
            "RUNNER_TOOL_CACHE": run.options.repositoryRoot + "/.gantry/toolcache", "RUNNER_ENVIRONMENT": "self-hosted",
        ]
        environment.merge(defaults) { $1 }
        if let actionPath = invocation.scope.actionPath { environment["GITHUB_ACTION_PATH"] = actionPath }
        environment.merge(invocation.env) { $1 }
        let additions = state.snapshot.pathAdditions
        if !additions.isEmpty {
            environment["PATH"] = (additions + [environment["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")
        }
        return environment
    }

    static func apply(files: [String: String], to state: JobState, outputs: inout [String: String], scope: StepScope) throws {
        func read(_ variable: String) -> String {
            guard let path = files[variable], let data = FileManager.default.contents(atPath: path) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
        do {
            let pairs = try EnvironmentFile.parse(read("GITHUB_ENV"))
            state.mutate { for (name, value) in pairs { $0.env[name] = value } }
        } catch { throw RunnerFileError(file: "GITHUB_ENV", problem: error) }
        do {
            for (name, value) in try EnvironmentFile.parse(read("GITHUB_OUTPUT")) { outputs[name] = value }
        } catch { throw RunnerFileError(file: "GITHUB_OUTPUT", problem: error) }
        do {
            let pairs = try EnvironmentFile.parse(read("GITHUB_STATE"))
            state.mutate { for (name, value) in pairs { $0.actionState[name] = value } }
        } catch { throw RunnerFileError(file: "GITHUB_STATE", problem: error) }
        let paths = read("GITHUB_PATH").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        state.mutate { $0.pathAdditions.insert(contentsOf: paths.filter { !$0.isEmpty }.reversed(), at: 0) }
        let summary = read("GITHUB_STEP_SUMMARY")
        if !summary.isEmpty { state.run.appendSummary(state.run.masker.mask(summary)) }
    }
}

/// A runner file a step wrote in a form Gantry cannot read.
struct RunnerFileError: Error, CustomStringConvertible {
    var file: String
    var problem: EnvironmentFile.Problem
    var description: String { "\(file) \(problem)" }
}
