import Diagnostics
import Workflows

/// `gantry lint`: checks workflow files for mistakes and for pipelines that can pass by accident.
public enum Linter {
    /// Every diagnostic for `workflow`: the validation rules that `gantry run` applies, then the lint rules.
    public static func lint(_ workflow: Workflow) -> [Diagnostic] {
        Rules.check(workflow)
    }
}
