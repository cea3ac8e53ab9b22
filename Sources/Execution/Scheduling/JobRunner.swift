import Expressions
import Foundation
import Persistence
import Workflows

/// Runs one job (or matrix leg) on the host: workspace, environment, steps, post steps, outputs, records.
enum JobRunner {
    static func run(_ leg: JobLeg, in run: RunContext) async -> JobOutcome {
        let started = Date()
        let key = leg.displayKey
        let slug = Self.slug(leg.storeKey)
        let held: HeldWorkspace?
        do {
            held = run.options.bind ? nil : try run.workspaces.acquire(slug)
        } catch {
            run.console.job(key, "✗ cannot prepare the workspace: \(error)")
            return JobOutcome(conclusion: .failure, outputs: [:])
        }
        defer { held?.release() }
        let workspace = held?.path ?? run.options.repositoryRoot
        // RUNNER_TEMP lives with the scratch files (memory-backed when the host allows): it is emptied per job anyway.
        let temp = run.scratch.directory + "/temp-" + slug
        let logPath = run.runDirectory + "/logs/" + slug + ".log"
        let fileManager = FileManager.default
        try? fileManager.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let state = JobState(
            leg: leg, run: run, workspace: workspace, temp: temp, owner: slug, logPath: logPath)
        defer { state.closeLog() }

        let name = (try? leg.job.name?.evaluateString(in: context(state, env: [:]))) ?? nil
        run.console.jobStarted(key)
        let record = JobRecord(
            id: 0, runID: run.runID, key: leg.storeKey, workflow: leg.scope.reportWorkflow, jobID: leg.reportID,
            name: name ?? leg.job.id, matrix: leg.matrix.map(matrixJSON), startedAt: started, finishedAt: nil,
            conclusion: nil, logPath: logPath)
        state.records.enqueue {
            guard let inserted = try? await run.store.insertJob(record) else { return }
            state.recordID = inserted.id
            try? await run.store.startJob(id: inserted.id, at: started)
        }

        var conclusion = await execute(state, key: key)
        let outputs = evaluateOutputs(state)
        await ProcessGroups.shared.terminate(owner: slug, grace: .milliseconds(500))
        // Workspaces and temp directories are removed together when the run ends (RunEngine).

        if conclusion == .failure, Self.continueOnError(leg, state) {
            run.console.job(key, "the job failed, but continue-on-error is set, so the run does not fail")
            conclusion = .success
        }
        let finished = Date()
        let final = conclusion
        state.records.enqueue {
            if state.recordID != 0 { try? await run.store.finishJob(id: state.recordID, conclusion: final, at: finished) }
        }
        await state.records.drain()
        run.console.jobFinished(key, failed: conclusion == .failure)
        let symbol = conclusion == .success ? run.console.colored("✓", "32") : run.console.colored("✗", "31")
        run.console.job(key, "\(symbol) job \(conclusion.rawValue) in \(formatDuration(finished.timeIntervalSince(started)))")
        run.report.add(RunReport.JobReport(
            workflow: leg.scope.reportWorkflow, id: leg.reportID, name: name ?? leg.job.id,
            matrix: leg.matrix.map { reportMatrix($0) }, conclusion: conclusion.rawValue,
            durationMs: Int(finished.timeIntervalSince(started) * 1000), steps: state.snapshot.stepReports))
        return JobOutcome(conclusion: conclusion, outputs: outputs)
    }

    /// Runs the steps and post steps; returns the job's conclusion before `continue-on-error`.
    static func execute(_ state: JobState, key: String) async -> Conclusion {
        let job = state.leg.job
        if let reason = unsupported(job) {
            state.run.console.job(key, "✗ " + reason)
            state.appendLog(reason)
            return .failure
        }
        do {
            state.baseEnv = try evaluateBaseEnv(state)
        } catch {
            state.run.console.job(key, "✗ \(error)")
            return .failure
        }
        let timeout = minutes(job.timeoutMinutes, state)
        let finishedInTime = await withDeadline(timeout) {
            await StepRunner.runAll(job.steps, scope: state.scope, state: state)
        }
        if !finishedInTime {
            state.run.console.job(key, "✗ the job ran past its timeout-minutes and was stopped")
            state.mutate { $0.cancelled = false }
            state.scope.status.markFailed()
        }
        for post in state.snapshot.postSteps.reversed() {
            let conclusion = await post.body(state)
            if conclusion == .failure { state.scope.status.markFailed() }
        }
        if Task.isCancelled { state.mutate { $0.cancelled = true } }
        return state.cancelled ? .cancelled : (state.failed ? .failure : .success)
    }

    static func unsupported(_ job: Job) -> String? {
        if job.container != nil {
            return "job \"\(job.id)\" uses \"container\", which needs a container engine; Gantry runs jobs on the host"
        }
        if job.services != nil {
            return "job \"\(job.id)\" uses \"services\", which need a container engine; Gantry runs jobs on the host"
        }
        return nil
    }

    /// Workflow `env`, then job `env` on top, each evaluated with what it may see.
    static func evaluateBaseEnv(_ state: JobState) throws -> [String: String] {
        // act puts ACT in the env context, and workflows use `if: ${{ !env.ACT }}` to skip steps that only work on
        // GitHub; Gantry honours that convention.
        var env = ["ACT": "true", "GANTRY": "true"].merging(state.run.options.env) { $1 }
        for entry in state.leg.scope.workflow.env {
            env[entry.key.text] = try entry.value.evaluateString(in: context(state, env: env))
        }
        for entry in state.leg.job.env {
            env[entry.key.text] = try entry.value.evaluateString(in: context(state, env: env))
        }
        return env
    }

    /// An evaluation context for the job with `env` as the env context.
    static func context(_ state: JobState, env: [String: String], steps: StepScope? = nil) -> EvaluationContext {
        var contexts = state.baseContexts { baseContexts(state) }
        contexts["env"] = .object(env.mapValues { .string($0) })
        let scopeFailed = steps?.status.failed ?? state.failed
        let status: JobStatus = state.cancelled ? .cancelled : (scopeFailed ? .failure : .success)
        if let steps {
            contexts["steps"] = steps.steps.value
            if let inputs = steps.inputs { contexts["inputs"] = inputs }
        }
        let jobStatus = state.cancelled ? "cancelled" : (state.failed ? "failure" : "success")
        contexts["job"] = .object(["status": .string(jobStatus)])
        let workspace = state.workspace
        return EvaluationContext(contexts: contexts, status: status, hashFiles: { patterns in
            try FileHashing.hashFiles(patterns, root: workspace)
        })
    }

    static func baseContexts(_ state: JobState) -> [String: Value] {
        let run = state.run
        var github = run.githubContext(workflow: state.leg.scope.workflow, workspace: state.workspace)
        github["job"] = .string(state.leg.job.id)
        return [
            "github": .object(github),
            "runner": run.runnerContext(temp: state.temp),
            "secrets": state.leg.scope.secrets,
            "vars": run.varsContext,
            "inputs": state.leg.scope.inputs,
            "matrix": state.leg.matrix?.value ?? .object([:]),
            "strategy": state.leg.strategy,
            "needs": state.leg.needs,
            "steps": .object([:]),
        ]
    }

    static func evaluateOutputs(_ state: JobState) -> [String: String] {
        var outputs: [String: String] = [:]
        let evaluation = context(state, env: state.currentEnv, steps: state.scope)
        for entry in state.leg.job.outputs {
            outputs[entry.key.text] = (try? entry.value.evaluateString(in: evaluation)) ?? ""
        }
        return outputs
    }

    static func continueOnError(_ leg: JobLeg, _ state: JobState) -> Bool {
        guard let value = leg.job.continueOnError else { return false }
        return (try? value.evaluate(in: context(state, env: state.baseEnv)).isTruthy) ?? false
    }

    static func minutes(_ value: YAMLValue?, _ state: JobState) -> Duration? {
        guard let value, let number = try? value.evaluate(in: context(state, env: state.baseEnv)).numberValue,
            number.isFinite, number > 0
        else { return nil }
        return .milliseconds(Int64(number * 60_000))
    }

    /// A file-name-safe, stable name for a job key: readable prefix plus a short hash so matrix legs never collide.
    static func slug(_ text: String) -> String {
        let readable = String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(48))
        return readable + "-" + ContentDigest.hex(Data(text.utf8)).prefix(8)
    }

    static func reportMatrix(_ matrix: MatrixCombination) -> [String: JSONValue] {
        Dictionary(matrix.entries.map { ($0.key, JSONValue($0.value)) }, uniquingKeysWith: { _, last in last })
    }
}

/// Runs `body`, cancelling it when `timeout` passes; returns false if it was cut short.
func withDeadline(_ timeout: Duration?, _ body: @escaping @Sendable () async -> Void) async -> Bool {
    guard let timeout else {
        await body()
        return true
    }
    return await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            await body()
            return true
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return false
        }
        let first = await group.next() ?? true
        group.cancelAll()
        return first
    }
}

func formatDuration(_ seconds: TimeInterval) -> String {
    if seconds < 1 { return "\(Int(seconds * 1000))ms" }
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    return "\(Int(seconds) / 60)m\(Int(seconds) % 60)s"
}

extension JSONValue {
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number): self = .number(number)
        case .string(let string): self = .string(string)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let object): self = .object(object.mapValues(JSONValue.init))
        }
    }
}
