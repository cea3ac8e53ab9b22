import Diagnostics
import Workflows

/// `continue-on-error: true` on a step or job that tests, lints, scans or builds: its failure is shown as a
/// warning annotation while the job (or workflow) still succeeds.
public struct ContinueOnErrorRule: LintRule {
    public static let id = "continue-on-error"
    public static let severity = Severity.error
    public static let rationale =
        "a check that is allowed to fail does not gate anything: the run is green and the failure is easy to miss."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in workflow.jobs {
            let steps = LintContext.flattened(job.steps)
            if let value = job.continueOnError, value.isLiteralTrue,
                let (step, work) = steps.lazy.compactMap({ step in context.work(of: step).map { (step, $0) } }).first
            {
                findings.append(
                    finding(
                        at: value.location,
                        "job \"\(job.id)\" has \"continue-on-error: true\" and runs \(work.kind.noun) \"\(work.display)\" (line \(step.location.line)), so its failure never fails the workflow"
                    ))
            }
            for step in steps {
                guard let value = step.continueOnError, value.isLiteralTrue, let work = context.work(of: step) else {
                    continue
                }
                findings.append(
                    finding(
                        at: value.location,
                        "\(Self.describe(step)) runs \(work.kind.noun) \"\(work.display)\" with \"continue-on-error: true\", so its failure never fails the job"
                    ))
            }
        }
        return findings
    }

    /// `step "Run tests"` or `step 3`, as messages name steps.
    static func describe(_ step: Step) -> String {
        if let name = step.name?.scalar?.text { return "step \"\(name)\"" }
        if let id = step.id { return "step \"\(id)\"" }
        return "step \(step.index + 1)"
    }
}
