import Diagnostics
import Workflows

/// A status aggregation job (`ci-status`, `all-green`: runs with `always()` and judges `needs.*.result`) that
/// does not need every check of its workflow: branch protection requires only the aggregate, so a failing check
/// outside its `needs` can be merged.
public struct StatusCheckNeedsRule: LintRule {
    public static let id = "status-check-needs"
    public static let severity = Severity.error
    public static let rationale =
        "branch protection trusts the aggregate status job, so a check left out of its needs can fail without blocking the merge."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        let aggregators = workflow.jobs.filter(Self.isAggregator)
        guard !aggregators.isEmpty else { return [] }
        let graph = JobGraph(workflow)
        var covered = Set<String>()
        for aggregator in aggregators { covered.formUnion(graph.ancestors(of: aggregator.id)) }
        let aggregatorIDs = Set(aggregators.map(\.id))
        let checks = workflow.jobs.filter { job in
            !aggregatorIDs.contains(job.id) && graph.ancestors(of: job.id).isDisjoint(with: aggregatorIDs)
                && Self.performsCheck(job, context: context)
        }
        let missing = checks.filter { !covered.contains($0.id) }
        let coveredChecks = checks.count - missing.count
        // A status job that leaves out more checks than it covers is a deliberate selection of required checks.
        // One forgotten check is the classic slip; leaving out several is a deliberate choice of required checks
        // unless they are few next to those covered.
        guard !missing.isEmpty, coveredChecks >= 2, missing.count == 1 || missing.count * 4 <= coveredChecks else {
            return []
        }
        let main = aggregators.max { graph.ancestors(of: $0.id).count < graph.ancestors(of: $1.id).count }!
        let names = missing.map { "\"\($0.id)\"" }.joined(separator: ", ")
        let notes = missing.map {
            Diagnostic.Note(location: $0.location, message: "job \"\($0.id)\" is not in its needs")
        }
        return [
            finding(
                at: main.needs.first?.location ?? main.location,
                "status job \"\(main.id)\" judges the results of \(coveredChecks) checks but does not need \(names), so \(missing.count == 1 ? "its" : "their") failure does not fail the status",
                notes: notes)
        ]
    }

    /// Runs whatever happened to its needs (`always()`, `!cancelled()`) and reads their results.
    static func isAggregator(_ job: Job) -> Bool {
        guard job.needs.count >= 2, let condition = job.condition?.scalar.text,
            condition.contains(bytes: "always()") || condition.contains(bytes: "cancelled()")
        else { return false }
        return job.steps.contains { step in
            let texts = [step.run?.text, step.condition?.scalar.text] + step.with.map { $0.value.scalar?.text }
            return texts.contains {
                $0?.contains(bytes: "needs.") == true || $0?.contains(bytes: "toJSON(needs)") == true
            }
        }
    }

    /// Whether a job tests, lints or scans in one of its steps.
    static func performsCheck(_ job: Job, context: LintContext) -> Bool {
        LintContext.flattened(job.steps).contains { context.work(of: $0)?.kind.isCheck == true }
    }
}

/// The `needs` graph of a workflow.
struct JobGraph {
    private let needs: [String: [String]]

    init(_ workflow: Workflow) {
        needs = Dictionary(workflow.jobs.map { ($0.id, $0.needIDs) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every job `id` needs, directly or through other jobs.
    func ancestors(of id: String) -> Set<String> {
        var seen = Set<String>()
        var stack = needs[id] ?? []
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack += needs[next] ?? []
        }
        return seen
    }
}
