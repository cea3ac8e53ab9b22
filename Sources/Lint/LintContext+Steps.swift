import Diagnostics
import Workflows

extension LintContext {
    /// What a step does when it tests, lints, scans or builds: the first such command of its script, or a known
    /// action; with a short description for messages.
    public func work(of step: Step) -> (kind: CommandKind, display: String)? {
        if let uses = step.uses {
            return KnownActions.kind(of: uses.text).map { ($0, uses.text) }
        }
        guard let run = runStep(at: step.location) else { return nil }
        var fallback: (CommandKind, String)?
        for (_, _, command) in run.script.commands {
            guard let kind = command.kind else { continue }
            if kind.isCheck { return (kind, command.display) }
            if fallback == nil { fallback = (kind, command.display) }
        }
        return fallback
    }
}

extension YAMLValue {
    /// True for a literal `true` (not an expression that may be true).
    var isLiteralTrue: Bool {
        guard let scalar else { return false }
        return scalar.style == .plain && scalar.text.lowercased() == "true"
    }
}
