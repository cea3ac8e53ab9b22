import Diagnostics
import Foundation

/// Workflow files of one repository, found from a path the user gave, and how to display their paths.
struct LintTarget: Sendable {
    /// The repository root, absolute: `uses: ./…` is resolved against it.
    var root: String
    /// The root as the user would write it (`""` for the working directory, else ending in `/`).
    var displayRoot: String
    /// Workflow files relative to `root`.
    var files: [String]

    /// `file` (relative to `root`) as shown in findings.
    func displayPath(_ file: String) -> String {
        file.hasPrefix("/") ? file : displayRoot + file
    }

    /// `diagnostic` with its file and notes' files displayed relative to the working directory.
    func displayed(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        diagnostic.location.file = displayPath(diagnostic.location.file)
        diagnostic.notes = diagnostic.notes.map { note in
            var note = note
            if let file = note.location?.file { note.location?.file = displayPath(file) }
            return note
        }
        return diagnostic
    }

    /// The targets for `paths`: a file is linted on its own; a directory holding `.github/workflows` (or being
    /// one) gives that repository's workflows; any other directory gives every repository found below it, or
    /// else the `*.yml` / `*.yaml` files directly in it. No paths means `.github/workflows` here.
    static func discover(paths: [String], workingDirectory: String) throws(DiagnosticError) -> [LintTarget] {
        let finder = Finder(workingDirectory: workingDirectory)
        guard !paths.isEmpty else {
            guard finder.isDirectory(".github/workflows") else {
                throw DiagnosticError([
                    Diagnostic(
                        .error, at: SourceLocation(file: ".github/workflows", line: 1, column: 1),
                        "no workflow directory here; pass a workflow file or directory", rule: "workflow-path")
                ])
            }
            return [finder.repository(root: "")]
        }
        var missing: [Diagnostic] = []
        var targets: [LintTarget] = []
        for path in paths {
            if finder.isDirectory(path) {
                targets += finder.directory(path)
            } else if finder.exists(path) {
                targets.append(finder.file(path))
            } else {
                missing.append(
                    Diagnostic(
                        .error, at: SourceLocation(file: path, line: 1, column: 1),
                        "no workflow file or directory at this path",
                        rule: "workflow-path"))
            }
        }
        guard missing.isEmpty else { throw DiagnosticError(missing) }
        return targets
    }
}

/// File-system look-ups for `LintTarget.discover`, on paths as the user typed them.
private struct Finder {
    let workingDirectory: String
    let manager = FileManager.default
    static let skipped: Set<String> = ["node_modules", "vendor", "Pods", "target", "build", "dist"]

    func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return path.isEmpty ? workingDirectory : workingDirectory + "/" + path
    }

    func exists(_ path: String) -> Bool { manager.fileExists(atPath: absolute(path)) }

    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return manager.fileExists(atPath: absolute(path), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func prefix(_ path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path : path + "/"
    }

    func workflowFiles(in directory: String) -> [String] {
        let names = (try? manager.contentsOfDirectory(atPath: absolute(directory))) ?? []
        return names.filter { ($0.hasSuffix(".yml") || $0.hasSuffix(".yaml")) && !isDirectory(prefix(directory) + $0) }
            .sorted()
    }

    /// The workflows in `root/.github/workflows`.
    func repository(root: String) -> LintTarget {
        let files = workflowFiles(in: prefix(root) + ".github/workflows").map { ".github/workflows/" + $0 }
        return LintTarget(root: absolute(root), displayRoot: prefix(root), files: files)
    }

    func directory(_ path: String) -> [LintTarget] {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        if isDirectory(prefix(trimmed) + ".github/workflows") { return [repository(root: trimmed)] }
        if trimmed == ".github/workflows" || trimmed.hasSuffix("/.github/workflows") {
            return [repository(root: String(trimmed.dropLast(".github/workflows".count)))]
        }
        let nested = repositories(below: trimmed, depth: 3)
        if !nested.isEmpty { return nested }
        return [LintTarget(root: absolute(trimmed), displayRoot: prefix(trimmed), files: workflowFiles(in: trimmed))]
    }

    func repositories(below path: String, depth: Int) -> [LintTarget] {
        guard depth > 0 else { return [] }
        let names = ((try? manager.contentsOfDirectory(atPath: absolute(path))) ?? []).sorted()
        return names.flatMap { name -> [LintTarget] in
            let child = prefix(path) + name
            guard !name.hasPrefix("."), !Self.skipped.contains(name), isDirectory(child) else { return [] }
            if isDirectory(child + "/.github/workflows") { return [repository(root: child)] }
            return repositories(below: child, depth: depth - 1)
        }
    }

    /// A single file; when it sits in `.github/workflows`, the repository above is its root.
    func file(_ path: String) -> LintTarget {
        if let range = path.range(of: ".github/workflows/", options: .backwards),
            range.lowerBound == path.startIndex || path[path.index(before: range.lowerBound)] == "/"
        {
            let root = String(path[..<range.lowerBound])
            return LintTarget(root: absolute(root), displayRoot: root, files: [String(path[range.lowerBound...])])
        }
        guard let slash = path.lastIndex(of: "/") else {
            return LintTarget(root: absolute(""), displayRoot: "", files: [path])
        }
        let directory = String(path[...slash])
        return LintTarget(
            root: absolute(directory), displayRoot: directory, files: [String(path[path.index(after: slash)...])])
    }
}
