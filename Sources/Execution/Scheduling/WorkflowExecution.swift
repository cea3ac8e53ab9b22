import Expressions
import Foundation
import Persistence
import Workflows

/// Runs one workflow's jobs in `needs` order, as many at once as the schedule and the run's limit allow.
enum WorkflowExecution {
    static func run(_ scope: WorkflowScope, only: Set<String>?, in run: RunContext) async -> [String: JobOutcome] {
        let jobs = scope.workflow.jobs.filter { only?.contains($0.id) ?? true }
        var schedule = WorkflowSchedule(jobs: jobs.map { ($0.id, $0.needIDs) })
        var outcomes: [String: JobOutcome] = [:]
        await withTaskGroup(of: (String, JobOutcome).self) { group in
            func launch(_ actions: [WorkflowSchedule.Action]) {
                for case .startJob(let id) in actions {
                    guard let job = scope.workflow.job(id) else { continue }
                    let status = schedule.status(for: id)
                    let needs = needsContext(job, outcomes: outcomes)
                    group.addTask {
                        (id, await JobNodeRunner.run(job, scope: scope, needs: needs, status: status, in: run))
                    }
                }
            }
            launch(schedule.handle(.start))
            for await (id, outcome) in group {
                outcomes[id] = outcome
                launch(schedule.handle(.finished(id, outcome.conclusion)))
            }
        }
        return outcomes
    }

    /// `needs.<id>.result` and `needs.<id>.outputs` for the jobs `job` needs directly.
    static func needsContext(_ job: Job, outcomes: [String: JobOutcome]) -> Value {
        var needs: [String: Value] = [:]
        for id in job.needIDs {
            let outcome = outcomes[id]
            needs[id] = .object([
                "result": .string(outcome?.conclusion.rawValue ?? "skipped"),
                "outputs": .object((outcome?.outputs ?? [:]).mapValues { .string($0) }),
            ])
        }
        return .object(needs)
    }

    /// `jobs` to run for `-j ID`: the job and everything it needs, transitively.
    static func closure(of id: String, in workflow: Workflow) -> Set<String>? {
        guard workflow.job(id) != nil else { return nil }
        var result: Set<String> = []
        var stack = [id]
        while let next = stack.popLast() {
            guard result.insert(next).inserted, let job = workflow.job(next) else { continue }
            stack += job.needIDs
        }
        return result
    }
}
