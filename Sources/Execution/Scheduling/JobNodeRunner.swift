import Expressions
import Foundation
import Persistence
import Workflows

/// Takes a job whose needs have finished: decides `if`, expands its matrix, runs the legs, and sums them up.
enum JobNodeRunner {
    static func run(_ job: Job, scope: WorkflowScope, needs: Value, status: JobStatus, in run: RunContext) async -> JobOutcome {
        let status = Task.isCancelled ? JobStatus.cancelled : status
        let context = EvaluationContext(contexts: [
            "github": .object(run.githubContext(workflow: scope.workflow, workspace: run.options.repositoryRoot)),
            "needs": needs, "inputs": scope.inputs, "vars": run.varsContext, "secrets": scope.secrets,
        ], status: status)
        let key = "\(scope.reportWorkflow)/\(scope.idPrefix)\(job.id)"
        do {
            let shouldRun = try job.condition?.evaluate(in: context) ?? (status == .success)
            guard shouldRun else { return await skip(job, scope: scope, key: key, status: status, in: run) }
        } catch {
            return await fail(job, scope: scope, key: key, message: "\(error)", in: run)
        }
        if let labels = skippedLabel(job, context: context, run: run) {
            run.console.job(key, "⊘ skipped: runs-on \(labels) is mapped to skip with -P")
            return await skip(job, scope: scope, key: key, status: status, in: run, quiet: true)
        }
        let legs: [MatrixCombination?]
        let strategy: (failFast: Bool, maxParallel: Int?)
        do {
            (legs, strategy) = try expand(job, context: context, run: run)
        } catch {
            return await fail(job, scope: scope, key: key, message: "\(error)", in: run)
        }
        if legs.isEmpty {
            run.console.job(key, "⊘ no matrix combination is left after --matrix filters")
            return JobOutcome(conclusion: .skipped, outputs: [:])
        }
        return await runLegs(job, legs: legs, strategy: strategy, scope: scope, needs: needs, in: run)
    }

    static func runLegs(
        _ job: Job, legs: [MatrixCombination?], strategy: (failFast: Bool, maxParallel: Int?), scope: WorkflowScope,
        needs: Value, in run: RunContext
    ) async -> JobOutcome {
        let limit = min(legs.count, strategy.maxParallel ?? legs.count)
        var conclusions: [Conclusion] = []
        var outputs: [String: String] = [:]
        await withTaskGroup(of: JobOutcome.self) { group in
            var next = 0
            var stopped = false
            func start() {
                let index = next
                next += 1
                let leg = JobLeg(
                    scope: scope, job: job, matrix: legs[index],
                    strategy: .object([
                        "fail-fast": .bool(strategy.failFast), "job-index": .number(Double(index)),
                        "job-total": .number(Double(legs.count)),
                        "max-parallel": .number(Double(strategy.maxParallel ?? legs.count)),
                    ]), needs: needs)
                group.addTask {
                    if job.uses != nil { return await ReusableWorkflowRunner.run(leg, in: run) }
                    return await run.limiter.withSlot { await JobRunner.run(leg, in: run) }
                }
            }
            while next < limit { start() }
            for await outcome in group {
                conclusions.append(outcome.conclusion)
                outputs.merge(outcome.outputs) { $1 }
                if outcome.conclusion == .failure && strategy.failFast && legs.count > 1 && !stopped {
                    stopped = true
                    group.cancelAll()
                }
                if !stopped && next < legs.count && !Task.isCancelled { start() }
            }
            conclusions += Array(repeating: .cancelled, count: legs.count - next)
        }
        let conclusion: Conclusion =
            conclusions.contains(.failure) ? .failure : (conclusions.contains(.cancelled) ? .cancelled : .success)
        return JobOutcome(conclusion: conclusion, outputs: outputs)
    }

    /// The matrix legs (one nil leg without a matrix) and the strategy settings.
    static func expand(_ job: Job, context: EvaluationContext, run: RunContext) throws -> ([MatrixCombination?], (Bool, Int?)) {
        guard let strategy = job.strategy else { return ([nil], (true, nil)) }
        let failFast = try strategy.failFast?.evaluate(in: context).isTruthy ?? true
        let maxParallel = try strategy.maxParallel.map { try $0.evaluate(in: context).numberValue }.flatMap { $0.isFinite && $0 >= 1 ? Int($0) : nil }
        guard let matrixValue = strategy.matrix else { return ([nil], (failFast, maxParallel)) }
        let evaluated = try matrixValue.evaluate(in: context)
        guard case .object(let object) = evaluated else {
            throw EvaluationFailure(location: matrixValue.location, message: "the matrix must evaluate to an object, but it is \(evaluated.toJSON())")
        }
        var order: [String] = []
        for entry in matrixValue.entries ?? [] { order.append(try entry.key.evaluateString(in: context)) }
        let combinations = Matrix(object: object, order: order).expand()
        guard !combinations.isEmpty else {
            throw EvaluationFailure(location: matrixValue.location, message: "the matrix of job \"\(job.id)\" expands to no combinations")
        }
        let filter = run.options.matrixFilter
        let kept = combinations.filter { combination in
            filter.allSatisfy { key, allowed in combination[key].map { allowed.contains($0.stringValue) } ?? true }
        }
        return (kept, (failFast, maxParallel))
    }

    /// The runs-on label that `-P label=skip` maps to skip, if any; warns about Windows and macOS labels.
    static func skippedLabel(_ job: Job, context: EvaluationContext, run: RunContext) -> String? {
        guard let runsOn = job.runsOn, let value = try? runsOn.evaluate(in: context) else { return nil }
        var labels: [String] = []
        switch value {
        case .array(let items): labels = items.map(\.stringValue)
        case .object(let object): labels = (object["labels"].map { if case .array(let items) = $0 { items.map(\.stringValue) } else { [$0.stringValue] } }) ?? []
        default: labels = [value.stringValue]
        }
        if let skipped = labels.first(where: run.options.skippedLabels.contains) { return skipped }
        if let foreign = labels.first(where: { $0.lowercased().hasPrefix("windows") || $0.lowercased().hasPrefix("macos") }) {
            run.console.line("warning: job \"\(job.id)\" asks for runs-on \"\(foreign)\"; it runs on this Linux host (use -P \(foreign)=skip to skip it)")
        }
        return nil
    }

    static func skip(
        _ job: Job, scope: WorkflowScope, key: String, status: JobStatus, in run: RunContext, quiet: Bool = false
    ) async -> JobOutcome {
        if !quiet { run.console.job(key, "⊘ skipped" + (status == .success ? " (its if condition is false)" : "")) }
        await record(job, scope: scope, conclusion: .skipped, in: run)
        return JobOutcome(conclusion: .skipped, outputs: [:])
    }

    static func fail(_ job: Job, scope: WorkflowScope, key: String, message: String, in run: RunContext) async -> JobOutcome {
        run.console.job(key, "✗ " + message)
        await record(job, scope: scope, conclusion: .failure, in: run)
        return JobOutcome(conclusion: .failure, outputs: [:])
    }

    /// Stores and reports a job that never ran any step.
    static func record(_ job: Job, scope: WorkflowScope, conclusion: Conclusion, in run: RunContext) async {
        let now = Date()
        let id = scope.idPrefix + job.id
        _ = try? await run.store.insertJob(JobRecord(
            id: 0, runID: run.runID, key: "\(scope.reportWorkflow)/\(id)", workflow: scope.reportWorkflow, jobID: id,
            name: job.name?.scalar?.text ?? job.id, matrix: nil, startedAt: nil, finishedAt: now, conclusion: conclusion,
            logPath: nil))
        run.report.add(RunReport.JobReport(
            workflow: scope.reportWorkflow, id: id, name: job.name?.scalar?.text ?? job.id, matrix: nil,
            conclusion: conclusion.rawValue, durationMs: 0, steps: []))
    }
}
