import Diagnostics
import Workflows

/// A lint check over one parsed workflow: a pattern that lets a pipeline pass by accident or runs code an
/// attacker controls.
///
/// Rules are pure and independent: `check` reads the workflow and the shared `LintContext`, returns every finding
/// (never throws, never stops at the first) and may run concurrently with other rules. Every rule has a section
/// in `docs/rules.md` anchored by its id, with `err/` and `ok/` fixtures under `Tests/LintTests/Fixtures/lint`.
public protocol LintRule: Sendable {
    /// The rule id printed in brackets after each finding (`swallowed-failure`).
    static var id: String { get }
    /// The severity of every finding of this rule.
    static var severity: Severity { get }
    /// One line saying why the finding matters; SARIF's rule help and the summary in `docs/rules.md`.
    static var rationale: String { get }
    init()
    /// Every finding in `workflow`, located in its file.
    func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic]
}

extension LintRule {
    /// A finding of this rule at `location`.
    func finding(at location: SourceLocation, _ message: String, notes: [Diagnostic.Note] = []) -> Diagnostic {
        Diagnostic(Self.severity, at: location, message, rule: Self.id, notes: notes)
    }

    /// This rule's id, severity and rationale.
    public static var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, severity: severity, rationale: rationale)
    }
}

/// What reports say about a rule: its id, the severity of its findings and why they matter.
public struct RuleDescriptor: Sendable, Hashable {
    /// The rule id, as printed in brackets and used as the anchor in `docs/rules.md`.
    public var id: String
    /// The severity of the rule's findings.
    public var severity: Severity
    /// One sentence saying why a finding matters.
    public var rationale: String

    public init(id: String, severity: Severity, rationale: String) {
        self.id = id
        self.severity = severity
        self.rationale = rationale
    }
}
