import Diagnostics
import Foundation

/// The workflows of one run with the reusable workflows they call, validated together.
public struct WorkflowSet: Sendable {
    public var workflows: [Workflow]
    /// Called workflows by the `uses:` text that names them (`./.github/workflows/build.yml`).
    public var called: [String: Workflow]
    public var diagnostics: [Diagnostic]
}

/// Finds workflow files and validates them with everything that needs the file system: called workflows and
/// local actions must exist and parse.
public enum WorkflowLoader {
    /// Workflow files under `target` (a file or a directory), or `.github/workflows` of `repositoryRoot`.
    public static func discover(target: String?, repositoryRoot: String) throws -> [String] {
        let fileManager = FileManager.default
        let path = target ?? ".github/workflows"
        let absolute = path.hasPrefix("/") ? path : repositoryRoot + "/" + path
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw DiagnosticError([Diagnostic(
                .error, at: SourceLocation(file: path, line: 1, column: 1), "no workflow file or directory at this path",
                rule: "workflow-path")])
        }
        guard isDirectory.boolValue else { return [path] }
        let names = try fileManager.contentsOfDirectory(atPath: absolute)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return names.map { prefix + $0 }
    }

    /// Reads, parses and validates `paths` (relative to `repositoryRoot` unless absolute).
    public static func load(paths: [String], repositoryRoot: String) -> WorkflowSet {
        var set = WorkflowSet(workflows: [], called: [:], diagnostics: [])
        for path in paths {
            guard let workflow = parseFile(path, repositoryRoot: repositoryRoot, into: &set.diagnostics) else { continue }
            set.workflows.append(workflow)
            loadCalls(of: workflow, repositoryRoot: repositoryRoot, into: &set, depth: 0)
        }
        return set
    }

    static func parseFile(_ path: String, repositoryRoot: String, into diagnostics: inout [Diagnostic]) -> Workflow? {
        let absolute = path.hasPrefix("/") ? path : repositoryRoot + "/" + path
        guard let data = FileManager.default.contents(atPath: absolute), let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(Diagnostic(
                .error, at: SourceLocation(file: path, line: 1, column: 1), "cannot read this file as UTF-8 text",
                rule: "syntax"))
            return nil
        }
        let (workflow, parseDiagnostics) = WorkflowParser.parse(text, path: path)
        diagnostics += parseDiagnostics
        guard let workflow else { return nil }
        diagnostics += Rules.check(workflow)
        diagnostics += checkLocalActions(in: workflow, repositoryRoot: repositoryRoot)
        return workflow
    }

    static func loadCalls(of workflow: Workflow, repositoryRoot: String, into set: inout WorkflowSet, depth: Int) {
        for job in workflow.jobs {
            guard let uses = job.uses, uses.text.hasPrefix("./") else { continue }
            if set.called[uses.text] != nil { continue }
            let path = String(uses.text.dropFirst(2))
            guard FileManager.default.fileExists(atPath: repositoryRoot + "/" + path) else {
                // A warning, not an error: the rest of the workflow can still run, and this job fails with the
                // same message when it is reached.
                set.diagnostics.append(Diagnostic(
                    .warning, at: uses.location, "job \"\(job.id)\" calls \"\(uses.text)\", which does not exist; the job will fail",
                    rule: "reusable-workflow"))
                continue
            }
            guard depth < 4 else {
                set.diagnostics.append(Diagnostic(
                    .error, at: uses.location, "reusable workflows may be nested at most 4 levels deep", rule: "reusable-workflow"))
                continue
            }
            guard let called = parseFile(path, repositoryRoot: repositoryRoot, into: &set.diagnostics) else { continue }
            set.called[uses.text] = called
            loadCalls(of: called, repositoryRoot: repositoryRoot, into: &set, depth: depth + 1)
        }
    }

    /// A local action (`uses: ./dir`) must exist in the repository. Where an earlier step of the job could have made
    /// it (a checkout into a sub-directory, a script), its absence is only a note.
    static func checkLocalActions(in workflow: Workflow, repositoryRoot: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for job in workflow.jobs {
            for (position, step) in job.steps.enumerated() {
                guard let uses = step.uses, uses.text.hasPrefix("./") || uses.text == "." else { continue }
                let directory = repositoryRoot + "/" + uses.text
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    let first = position == 0
                    diagnostics.append(Diagnostic(
                        first ? .error : .note, at: uses.location,
                        "local action \"\(uses.text)\" not found: there is no directory \"\(uses.text)\" in the repository"
                            + (first ? "" : "; unless an earlier step creates it, this step will fail"),
                        rule: "local-action"))
                    continue
                }
                // The directory may get its action.yml from an earlier step, so only an existing file is checked.
                guard let file = ["action.yml", "action.yaml"].map({ directory + "/" + $0 })
                    .first(where: { FileManager.default.fileExists(atPath: $0) })
                else { continue }
                if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                    let display = String(file.dropFirst(repositoryRoot.count + 1))
                    diagnostics += ActionParser.parse(text, path: display).1
                }
            }
        }
        return diagnostics
    }
}
