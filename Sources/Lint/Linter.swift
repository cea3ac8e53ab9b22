import Diagnostics
import Workflows

/// `gantry lint`: checks workflow files for mistakes and for pipelines that can pass by accident.
public enum Linter {
    /// Every diagnostic for `workflow`: the validation rules that `gantry run` applies, then the lint rules.
    public static func lint(_ workflow: Workflow) -> [Diagnostic] {
        Rules.check(workflow) + lintRules(workflow)
    }

    /// The findings of the lint rules alone (`LintRules.all`), without validation.
    public static func lintRules(_ workflow: Workflow) -> [Diagnostic] {
        let context = LintContext(workflow: workflow)
        return LintRules.all.flatMap { $0.check(workflow, context: context) }
    }

    /// Lints the workflow files at `paths` (files or directories, relative to `workingDirectory` unless absolute),
    /// or `.github/workflows` of `workingDirectory` when `paths` is empty. Every validation error `gantry run`
    /// would report is a finding too, and reusable workflows and local actions are resolved against the
    /// repository each file belongs to.
    ///
    /// - Throws: `DiagnosticError` (rule `workflow-path`) when a path does not exist.
    public static func lint(paths: [String], workingDirectory: String) throws(DiagnosticError) -> LintReport {
        let targets = try LintTarget.discover(paths: paths, workingDirectory: workingDirectory)
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        for target in targets {
            let set = WorkflowLoader.load(paths: target.files, repositoryRoot: target.root)
            var found = set.diagnostics
            for workflow in set.workflows { found += lintRules(workflow) }
            files += target.files.map(target.displayPath)
            diagnostics += found.map(target.displayed)
        }
        var seen = Set<Diagnostic>()
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return LintReport(files: files, diagnostics: unique.sortedByLocation())
    }
}

/// The result of linting files: which were read and what was found, sorted by location.
public struct LintReport: Sendable {
    /// The workflow files linted, as displayed in findings.
    public var files: [String]
    /// Every finding, sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    public init(files: [String], diagnostics: [Diagnostic]) {
        self.files = files
        self.diagnostics = diagnostics
    }

    /// How many findings have `severity`.
    public func count(_ severity: Severity) -> Int {
        diagnostics.count { $0.severity == severity }
    }
}
