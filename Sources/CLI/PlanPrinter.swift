import Execution
import Workflows

/// `--list`, `--graph` and `--dry-run` output: what would run, in which order, without running it.
enum PlanPrinter {
    static func render(_ plan: RunPlan, graph: Bool, dryRun: Bool) -> String {
        var lines: [String] = []
        if plan.selected.isEmpty {
            return "no workflow runs on \"\(plan.options.event)\" (\(plan.workflows.workflows.count) workflow file(s) are valid)"
        }
        for workflow in plan.selected {
            let stages = stages(of: workflow)
            if graph {
                lines.append("\(workflow.displayName) (\(workflow.path))")
                for (index, stage) in stages.enumerated() {
                    let jobs = stage.map { job in
                        job.needIDs.isEmpty ? job.id : "\(job.id) ← \(job.needIDs.joined(separator: ", "))"
                    }
                    lines.append("  stage \(index): " + jobs.joined(separator: " | "))
                }
            } else {
                if lines.isEmpty { lines.append("STAGE  JOB ID  WORKFLOW  FILE  EVENTS") }
                for (index, stage) in stages.enumerated() {
                    for job in stage {
                        let events = workflow.triggers.map(\.event).joined(separator: ",")
                        lines.append("\(index)  \(job.id)  \(workflow.displayName)  \(workflow.path)  \(events)")
                    }
                }
            }
        }
        if dryRun {
            let jobs = plan.selected.reduce(0) { $0 + $1.jobs.count }
            lines.append("dry run: \(plan.selected.count) workflow(s), \(jobs) job(s) are valid and would run on \"\(plan.options.event)\"")
        }
        return lines.joined(separator: "\n")
    }

    /// Jobs grouped by depth in the `needs` graph: stage 0 needs nothing, stage n needs only earlier stages.
    static func stages(of workflow: Workflow) -> [[Job]] {
        var depth: [String: Int] = [:]
        func visit(_ job: Job, _ guardDepth: Int) -> Int {
            if let known = depth[job.id] { return known }
            guard guardDepth < 1000 else { return 0 }
            let value = job.needIDs.compactMap(workflow.job).map { visit($0, guardDepth + 1) + 1 }.max() ?? 0
            depth[job.id] = value
            return value
        }
        for job in workflow.jobs { _ = visit(job, 0) }
        let count = (depth.values.max() ?? -1) + 1
        return (0..<count).map { stage in workflow.jobs.filter { depth[$0.id] == stage } }
    }
}
