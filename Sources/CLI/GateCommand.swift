import ArgumentParser
import Diagnostics
import Foundation
import Gates
import Persistence
import PersistenceSQLite

/// `gantry gate`: decides pass or fail from test reports, coverage, SARIF and JSON metrics against a policy.
struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Pass or fail a change on evidence: JUnit, coverage, SARIF and JSON metrics against a policy.",
        discussion: """
            Exits 0 when every rule passes, 1 when one fails (missing or unreadable evidence fails), 2 when the \
            policy or the flags are invalid. The policy format is in docs/gate.md.
            """)

    @Option(name: .customLong("policy"), help: "The policy file, relative to the repository root.")
    var policy = ".gantry/gates.yml"
    @Option(name: .customLong("junit"), help: "JUnit XML files or globs, replacing tests.reports (repeatable).")
    var junit: [String] = []
    @Option(
        name: .customLong("coverage"), help: "lcov or Cobertura files or globs, replacing coverage.report (repeatable)."
    )
    var coverage: [String] = []
    @Option(name: .customLong("sarif"), help: "SARIF files or globs, replacing sarif.files (repeatable).")
    var sarif: [String] = []
    @Option(name: .customLong("base"), help: "The ref changed files are compared with, replacing changed-files.base.")
    var base: String?
    @Option(name: .customLong("format"), help: "text, json or markdown.")
    var format = "text"
    @Option(
        name: .customLong("summary"), help: "Also append the Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)."
    )
    var summary: String?
    @Option(
        name: [.customShort("C"), .customLong("directory")],
        help: "The repository root (default: the current directory).")
    var directory: String?

    func run() async throws {
        guard ["text", "json", "markdown"].contains(format) else {
            printDiagnostics([
                Diagnostic(
                    .error, at: SourceLocation(file: "--format", line: 1, column: 1),
                    "unknown format \"\(format)\"; expected \"text\", \"json\" or \"markdown\"", rule: "flags")
            ])
            throw ExitCode.invalidInput
        }
        let root =
            directory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? FileManager.default.currentDirectoryPath
        let paths = EvidencePaths(
            junit: junit.isEmpty ? nil : junit, coverage: coverage.isEmpty ? nil : coverage,
            sarif: sarif.isEmpty ? nil : sarif,
            base: base)
        let quarantined = await storedQuarantine(root: root)
        switch GateCheck.run(policyPath: policy, root: root, paths: paths, quarantined: quarantined) {
        case .invalid(let diagnostics):
            printDiagnostics(diagnostics)
            throw ExitCode.invalidInput
        case .evaluated(let result, let warnings):
            if !warnings.isEmpty { printDiagnostics(warnings) }
            switch format {
            case "json": print(try result.json())
            case "markdown": print(result.markdown, terminator: "")
            default: print(result.text)
            }
            if let summary { try append(result.markdown, to: summary) }
            if !result.passed { throw ExitCode(1) }
        }
    }

    /// The tests quarantined in `.gantry/gantry.db`, when the repository has one. A store that cannot be read only
    /// forgives nothing more, so it is a warning, not a failure.
    private func storedQuarantine(root: String) async -> Set<String> {
        let path = SQLiteStore.databasePath(repositoryRoot: root)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            return try await SQLiteStore(path: path).quarantinedIdentifiers()
        } catch {
            FileHandle.standardError.write(Data("warning: the quarantine in \(path) was not read: \(error)\n".utf8))
            return []
        }
    }

    private func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
