import Diagnostics
import Expressions
import Foundation
import Persistence
import Workflows

/// The result of a whole run.
public struct RunResult: Sendable {
    public var conclusion: Conclusion
    public var report: RunReport
    public var runNumber: Int
    public var runDirectory: String
}

/// Runs a plan: records the run, runs the selected workflows side by side, prints the summary, finalizes the record.
public enum RunEngine {
    public static func execute(_ plan: RunPlan, store: any Store, console: Console, masker: Masker) async throws -> RunResult {
        let options = plan.options
        for secret in options.secrets.values { masker.add(secret) }
        let started = Date()
        let record = try await store.insertRun(RunRecord(
            repository: options.repositoryRoot, event: options.event, ref: plan.git.ref, sha: plan.git.sha,
            workflows: plan.selected.map(\.displayName), startedAt: started, pid: getpid()))
        let event = try eventPayload(options, git: plan.git)
        let context = RunContext(
            options: options, git: plan.git, runID: record.id, runNumber: record.number, workflows: plan.workflows,
            masker: masker, console: console, store: store, event: event)
        try FileManager.default.createDirectory(atPath: context.runDirectory + "/logs", withIntermediateDirectories: true)
        ignoreRunData(in: options.repositoryRoot + "/.gantry")
        if !options.bind { try context.workspaces.prepare() }
        try Data(event.toJSON().utf8).write(to: URL(fileURLWithPath: context.runDirectory + "/event.json"))

        await withTaskGroup(of: Void.self) { group in
            for workflow in plan.selected {
                let inputs = (try? workflowInputs(workflow, event: event, options: options)) ?? .object([:])
                let scope = WorkflowScope(
                    workflow: workflow, reportWorkflow: workflow.displayName, idPrefix: "", inputs: inputs,
                    secrets: context.secretsContext)
                let only = options.job.flatMap { WorkflowExecution.closure(of: $0, in: workflow) }
                group.addTask { _ = await WorkflowExecution.run(scope, only: only, in: context) }
            }
        }
        context.scratch.remove()
        let jobs = context.report.all
        let conclusion: Conclusion =
            if jobs.contains(where: { $0.conclusion == "failure" }) { .failure }
            else if Task.isCancelled || jobs.contains(where: { $0.conclusion == "cancelled" }) { .cancelled }
            else { .success }
        try await store.finishRun(id: record.id, conclusion: conclusion, at: Date())
        let report = RunReport(conclusion: conclusion.rawValue, run: record.number, jobs: jobs)
        return RunResult(conclusion: conclusion, report: report, runNumber: record.number, runDirectory: context.runDirectory)
    }

    /// Writes `.gantry/.gitignore` so run data never shows up in `git status`, while config files there stay tracked.
    static func ignoreRunData(in directory: String) {
        let path = directory + "/.gitignore"
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let text = "# Gantry's run data (history, logs, caches); config files in .gantry/ stay tracked.\nruns/\nwork/\ncache/\ntoolcache/\ngantry.db*\n"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// The event payload: `--eventpath`, or a minimal one like GitHub's for the event; `--input` fills `inputs`.
    static func eventPayload(_ options: RunOptions, git: GitState) throws -> Value {
        var payload: [String: Value] = [:]
        if let path = options.eventPath {
            let absolute = path.hasPrefix("/") ? path : options.repositoryRoot + "/" + path
            guard let data = FileManager.default.contents(atPath: absolute) else {
                throw DiagnosticError([Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "cannot read the event file", rule: "event")])
            }
            guard case .object(let object) = try Value.fromJSON(String(decoding: data, as: UTF8.self)) else {
                throw DiagnosticError([Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "the event file must hold a JSON object", rule: "event")])
            }
            payload = object
        } else {
            let owner: Value = .object(["login": .string(git.owner), "name": .string(git.owner)])
            payload["repository"] = Value.object([
                "name": .string(git.repository.split(separator: "/").last.map(String.init) ?? git.repository),
                "full_name": .string(git.repository), "owner": owner, "default_branch": "main",
            ])
            payload["sender"] = .object(["login": .string(options.actor)])
            if options.event == "push" {
                payload["ref"] = .string(git.ref)
                payload["after"] = .string(git.sha)
                payload["head_commit"] = .object(["id": .string(git.sha)])
            }
        }
        if !options.inputs.isEmpty || options.event == "workflow_dispatch" {
            var inputs: [String: Value] = [:]
            if case .object(let existing)? = payload["inputs"] { inputs = existing }
            for (name, value) in options.inputs { inputs[name] = .string(value) }
            payload["inputs"] = .object(inputs)
        }
        return .object(payload)
    }

    /// The `inputs` context of a top-level workflow: typed dispatch inputs from the event over their defaults.
    static func workflowInputs(_ workflow: Workflow, event: Value, options: RunOptions) throws -> Value {
        let definitions = workflow.trigger(for: options.event)?.inputs ?? []
        var given: [String: Value] = [:]
        if case .object(let object) = event[property: "inputs"] { given = object }
        let context = EvaluationContext(contexts: ["github": .object(["event": event])])
        return try InputValues.resolve(definitions: definitions, given: given, context: context)
    }
}
