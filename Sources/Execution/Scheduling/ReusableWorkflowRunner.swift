import Expressions
import Foundation
import Persistence
import Workflows

/// A job that calls a local reusable workflow: inputs and secrets go in, the called jobs run, outputs come back.
enum ReusableWorkflowRunner {
    static func run(_ leg: JobLeg, in run: RunContext) async -> JobOutcome {
        let job = leg.job
        let key = leg.displayKey
        let started = Date()
        guard let uses = job.uses?.text else { return JobOutcome(conclusion: .failure, outputs: [:]) }
        guard let called = run.workflows.called[uses] else {
            let message = uses.contains("@")
                ? "remote reusable workflow \"\(uses)\" is not available offline; copy it into .github/workflows/ and call it as ./.github/workflows/<file>"
                : "reusable workflow \"\(uses)\" was not loaded"
            run.console.job(key, "✗ " + message)
            return finish(leg, conclusion: .failure, outputs: [:], started: started, in: run)
        }
        let context = EvaluationContext(contexts: [
            "github": .object(run.githubContext(workflow: leg.scope.workflow, workspace: run.options.repositoryRoot)),
            "needs": leg.needs, "inputs": leg.scope.inputs, "vars": run.varsContext, "secrets": leg.scope.secrets,
            "matrix": leg.matrix?.value ?? .object([:]), "strategy": leg.strategy,
        ])
        let inputs: Value
        let secrets: Value
        do {
            var given: [String: Value] = [:]
            for entry in job.with { given[entry.key.text] = try entry.value.evaluate(in: context) }
            let definitions = called.trigger(for: "workflow_call")?.inputs ?? []
            inputs = try InputValues.resolve(definitions: definitions, given: given, context: context)
            switch job.secrets {
            case .inherit: secrets = leg.scope.secrets
            case .none: secrets = .object(["GITHUB_TOKEN": leg.scope.secrets[property: "GITHUB_TOKEN"]])
            case .mapped(let entries):
                var mapped: [String: Value] = ["GITHUB_TOKEN": leg.scope.secrets[property: "GITHUB_TOKEN"]]
                for entry in entries { mapped[entry.key.text] = .string(try entry.value.evaluateString(in: context)) }
                secrets = .object(mapped)
            }
        } catch {
            run.console.job(key, "✗ \(error)")
            return finish(leg, conclusion: .failure, outputs: [:], started: started, in: run)
        }
        run.console.job(key, "▶ calling \(uses)")
        let scope = WorkflowScope(
            workflow: called, reportWorkflow: leg.scope.reportWorkflow, idPrefix: leg.scope.idPrefix + job.id + "/",
            inputs: inputs, secrets: secrets)
        let outcomes = await WorkflowExecution.run(scope, only: nil, in: run)
        let conclusions = outcomes.values.map(\.conclusion)
        let conclusion: Conclusion =
            conclusions.contains(.failure) ? .failure : (conclusions.contains(.cancelled) ? .cancelled : .success)
        var jobs: [String: Value] = [:]
        for (id, outcome) in outcomes {
            jobs[id] = .object(["result": .string(outcome.conclusion.rawValue), "outputs": .object(outcome.outputs.mapValues { .string($0) })])
        }
        let outputContext = EvaluationContext(contexts: [
            "github": context.contexts["github"] ?? .null, "jobs": .object(jobs), "inputs": inputs, "vars": run.varsContext,
        ])
        var outputs: [String: String] = [:]
        for entry in called.trigger(for: "workflow_call")?.outputs ?? [] {
            outputs[entry.key.text] = (try? entry.value["value"]?.evaluateString(in: outputContext)) ?? ""
        }
        return finish(leg, conclusion: conclusion, outputs: outputs, started: started, in: run)
    }

    static func finish(_ leg: JobLeg, conclusion: Conclusion, outputs: [String: String], started: Date, in run: RunContext) -> JobOutcome {
        run.report.add(RunReport.JobReport(
            workflow: leg.scope.reportWorkflow, id: leg.reportID, name: leg.job.id,
            matrix: leg.matrix.map(JobRunner.reportMatrix), conclusion: conclusion.rawValue,
            durationMs: Int(Date().timeIntervalSince(started) * 1000), steps: []))
        return JobOutcome(conclusion: conclusion, outputs: outputs)
    }
}

/// Typed `inputs` from definitions (`workflow_dispatch`, `workflow_call`) and given values.
enum InputValues {
    /// Given values over defaults, converted by declared type (booleans and numbers stay typed, as on GitHub).
    static func resolve(definitions: [InputDefinition], given: [String: Value], context: EvaluationContext) throws -> Value {
        var inputs: [String: Value] = [:]
        for definition in definitions {
            var value = given[definition.name]
            if value == nil, let defaultValue = definition.defaultValue { value = try defaultValue.evaluate(in: context) }
            inputs[definition.name] = convert(value ?? (definition.type == "boolean" ? .bool(false) : .string("")), type: definition.type)
        }
        for (name, value) in given where inputs[name] == nil { inputs[name] = value }
        return .object(inputs)
    }

    static func convert(_ value: Value, type: String?) -> Value {
        switch (type, value) {
        case ("boolean", .string(let text)): return .bool(text.lowercased() == "true")
        case ("number", .string(let text)): return Double(text).map(Value.number) ?? value
        default: return value
        }
    }
}
