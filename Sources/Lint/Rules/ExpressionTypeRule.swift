import Diagnostics
import Workflows

/// Reads of context properties that cannot exist where they are written: `matrix.x` in a job without that
/// matrix key, `needs.x` for a job not in `needs`, `steps.x` for no earlier step, `inputs.x` never declared.
public struct ExpressionTypeRule: LintRule {
    public static let id = "expression-type"
    public static let severity = Severity.error
    public static let rationale =
        "a property that cannot exist evaluates to an empty string, so the step silently runs with the wrong value (or GitHub rejects the workflow)."

    public init() {}

    /// What a job's expressions may read.
    struct Scope {
        /// Matrix keys; nil when the matrix is built by an expression, so any key may exist.
        var matrixKeys: Set<String>?
        var hasMatrix: Bool
        var needs: Set<String>
        var stepIDs: [String]
        var laterStepIDs: Set<String>
        var inputs: Set<String>
        var jobID: String
        /// The job-level key being walked, for steps-context messages.
        var section: String
    }

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        let inputs = Set(workflow.triggers.flatMap { $0.inputs.map { $0.name.lowercased() } })
        var findings: [Diagnostic] = []
        for job in workflow.jobs {
            guard let entries = workflow.document["jobs"]?[job.id]?.entries else { continue }
            let (matrixKeys, hasMatrix) = Self.matrixKeys(job.strategy?.matrix)
            let allStepIDs = LintContext.flattened(job.steps).compactMap { $0.id?.lowercased() }
            var scope = Scope(
                matrixKeys: matrixKeys, hasMatrix: hasMatrix, needs: Set(job.needIDs.map { $0.lowercased() }),
                stepIDs: [], laterStepIDs: Set(allStepIDs), inputs: inputs, jobID: job.id, section: "")
            for entry in entries where entry.key.text != "strategy" {
                scope.section = entry.key.text
                switch entry.key.text {
                case "steps":
                    for item in entry.value.items ?? [] {
                        check(item, scope: scope, into: &findings)
                        let step = job.steps.first { $0.location == item.location }
                        scope.stepIDs += LintContext.flattened(step.map { [$0] } ?? []).compactMap {
                            $0.id?.lowercased()
                        }
                    }
                case "outputs", "environment":
                    scope.stepIDs = allStepIDs
                    check(entry.value, scope: scope, into: &findings)
                    scope.stepIDs = []
                default:
                    check(entry.value, underKey: entry.key.text, scope: scope, into: &findings)
                }
            }
        }
        return findings
    }

    private func check(_ value: YAMLValue, underKey key: String? = nil, scope: Scope, into findings: inout [Diagnostic])
    {
        value.forEachScalar(underKey: key) { scalar, key in
            for reference in scalar.contextReferences(isCondition: key == "if") {
                if let message = problem(with: reference, in: scope) {
                    findings.append(finding(at: scalar.location(ofOffset: reference.offset), message))
                }
            }
        }
    }

    func problem(with reference: ContextReference, in scope: Scope) -> String? {
        guard let property = reference.properties.first, property != "*" else { return nil }
        let path = "\(reference.context).\(property)"
        switch reference.context {
        case "matrix":
            guard scope.hasMatrix else { return "\"\(path)\" is read in job \"\(scope.jobID)\", which has no matrix" }
            guard let keys = scope.matrixKeys, !keys.contains(property) else { return nil }
            let known = keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return "the matrix of job \"\(scope.jobID)\" has no key \"\(property)\"; it defines \(known)"
        case "needs":
            guard !scope.needs.contains(property) else { return nil }
            return
                "\"\(path)\" is read in job \"\(scope.jobID)\", which does not need job \"\(property)\"; add it to \"needs\""
        case "steps":
            if !["steps", "outputs", "environment"].contains(scope.section) {
                return
                    "\"\(path)\" is read in \"\(scope.section)\" of job \"\(scope.jobID)\", where the steps context is not available"
            }
            guard !scope.stepIDs.contains(property) else { return nil }
            if scope.laterStepIDs.contains(property) {
                return "\"\(path)\" is read before step \"\(property)\" has run"
            }
            return "\"\(path)\" names no step of job \"\(scope.jobID)\"; no step has the id \"\(property)\""
        case "inputs":
            guard !scope.inputs.contains(property) else { return nil }
            return "\"\(path)\" is read, but no trigger of this workflow declares the input \"\(property)\""
        default:
            return nil
        }
    }

    /// The keys a literal matrix defines (including those only in `include`), or nil when an expression builds it.
    static func matrixKeys(_ matrix: YAMLValue?) -> (keys: Set<String>?, exists: Bool) {
        guard let matrix else { return ([], false) }
        guard let entries = matrix.entries else { return (nil, true) }
        var keys = Set<String>()
        for entry in entries {
            switch entry.key.text {
            case "include":
                guard let items = entry.value.items else { return (nil, true) }
                for item in items {
                    guard let itemEntries = item.entries else { return (nil, true) }
                    keys.formUnion(itemEntries.map { $0.key.text.lowercased() })
                }
            case "exclude":
                continue
            default:
                if entry.key.text.contains(bytes: "${{") { return (nil, true) }
                keys.insert(entry.key.text.lowercased())
            }
        }
        return (keys, true)
    }
}
