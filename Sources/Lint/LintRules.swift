import Diagnostics
import Workflows

/// The lint rules `gantry lint` runs, in order; add a new rule here (and its fixtures and docs section).
public enum LintRules {
    public static let all: [any LintRule] = [
        ExpressionTypeRule(),
        SwallowedFailureRule(),
        ErrexitDisabledRule(),
        UncheckedPipeRule(),
        ContinueOnErrorRule(),
        ScannerExitCodeRule(),
        StatusCheckNeedsRule(),
        AlwaysDeployRule(),
        ScriptInjectionRule(),
        UntrustedCheckoutRule(),
        HardcodedSecretRule(),
    ]

    /// Every rule whose findings `gantry lint` can print: the validation rules of `gantry run`, then the lint rules.
    public static var descriptors: [RuleDescriptor] {
        validation + all.map { type(of: $0).descriptor }
    }

    /// The rule with `id`, if there is one.
    public static func descriptor(for id: String) -> RuleDescriptor? {
        descriptors.first { $0.id == id }
    }

    /// The checks `gantry run` applies before running (in the Workflows module and `WorkflowLoader`), described
    /// here so reports can explain them.
    public static let validation: [RuleDescriptor] = [
        RuleDescriptor(
            id: "syntax", severity: .error,
            rationale: "GitHub rejects a workflow whose YAML or keys are wrong, so none of its jobs runs."),
        RuleDescriptor(
            id: "expression", severity: .error,
            rationale:
                "an expression with a syntax error, an unknown context or an unknown function fails the workflow before it starts."
        ),
        RuleDescriptor(
            id: "job-needs", severity: .error,
            rationale: "a job that needs a missing job, or a cycle of needs, makes the whole workflow invalid."),
        RuleDescriptor(
            id: "matrix", severity: .error,
            rationale: "a matrix that expands to no combinations silently runs nothing, which reads as a pass."),
        RuleDescriptor(
            id: "host-runner", severity: .warning,
            rationale: "Gantry runs jobs on the host, so jobs that need a container engine fail locally."),
        RuleDescriptor(
            id: "reusable-workflow", severity: .warning,
            rationale: "a called workflow that does not exist, or nests too deeply, fails the calling job."),
        RuleDescriptor(
            id: "local-action", severity: .error,
            rationale: "a local action that does not exist or whose action.yml is invalid fails its step."),
        RuleDescriptor(
            id: "workflow-path", severity: .error,
            rationale: "a path given to Gantry that does not exist cannot be checked."),
    ]
}
