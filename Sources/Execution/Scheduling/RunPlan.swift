import Diagnostics
import Foundation
import Workflows

/// The validated workflows of a run and the ones the event selects; building it runs nothing.
public struct RunPlan: Sendable {
    public var options: RunOptions
    public var workflows: WorkflowSet
    /// Workflows whose `on:` matches the event, in file order.
    public var selected: [Workflow]
    /// Warnings found while validating; errors make `make` throw instead.
    public var warnings: [Diagnostic]
    public var git: GitState

    /// Discovers, parses and validates every workflow; throws every error found, so nothing runs on bad input.
    public static func make(_ options: RunOptions) throws(DiagnosticError) -> RunPlan {
        let paths: [String]
        do {
            paths = try WorkflowLoader.discover(target: options.workflowTarget, repositoryRoot: options.repositoryRoot)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError([Diagnostic(
                .error, at: SourceLocation(file: options.workflowTarget ?? ".github/workflows", line: 1, column: 1),
                "cannot read workflows: \(error)", rule: "workflow-path")])
        }
        if paths.isEmpty {
            throw DiagnosticError([Diagnostic(
                .error, at: SourceLocation(file: options.workflowTarget ?? ".github/workflows", line: 1, column: 1),
                "no workflow files (*.yml, *.yaml) found here", rule: "workflow-path")])
        }
        let set = WorkflowLoader.load(paths: paths, repositoryRoot: options.repositoryRoot)
        var diagnostics = set.diagnostics
        if let job = options.job, !set.workflows.contains(where: { $0.job(job) != nil }) {
            diagnostics.append(Diagnostic(
                .error, at: SourceLocation(file: paths[0], line: 1, column: 1), "no workflow has a job \"\(job)\"", rule: "job-filter"))
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sortedByLocation()) }
        let git = GitState.read(root: options.repositoryRoot)
        let needsPaths = set.workflows.contains { $0.trigger(for: options.event).map { $0.paths != nil || $0.pathsIgnore != nil } ?? false }
        let state = EventState(
            event: options.event, ref: git.ref, changedFiles: needsPaths ? GitState.changedFiles(root: options.repositoryRoot) : nil)
        var selected = set.workflows.filter { EventMatcher.matches($0, state) }
        if let job = options.job { selected = selected.filter { $0.job(job) != nil } }
        return RunPlan(options: options, workflows: set, selected: selected, warnings: diagnostics.sortedByLocation(), git: git)
    }
}
