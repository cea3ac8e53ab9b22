import ArgumentParser
import Diagnostics
import Foundation
import Lint

/// `gantry lint [PATH...]`: reports workflow mistakes and pipelines that can pass by accident.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check workflow files for mistakes, failure masking and script injection.",
        discussion: """
            With no path, lints .github/workflows. A directory holding .github/workflows lints that repository; \
            any other directory lints every repository below it, or else the workflow files in it. \
            Exits 1 when an error-level finding exists, 2 when a path does not exist. Rules: docs/rules.md.
            """)

    @Argument(help: "Workflow files or directories (default: .github/workflows).")
    var paths: [String] = []
    @Option(name: [.short, .customLong("format")], help: "Output format: text, json or sarif.")
    var format: String = "text"
    @Option(name: [.short, .customLong("output")], help: "Write the findings to this file instead of standard output.")
    var output: String?

    func run() async throws {
        guard let format = DiagnosticRenderer.Format(rawValue: format) else {
            printDiagnostics([
                Diagnostic(
                    .error, at: SourceLocation(file: "--format", line: 1, column: 1),
                    "unknown format \"\(format)\"; expected \"text\", \"json\" or \"sarif\"", rule: "flags")
            ])
            throw ExitCode.invalidInput
        }
        let report: LintReport
        do {
            report = try Linter.lint(paths: paths, workingDirectory: FileManager.default.currentDirectoryPath)
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode.invalidInput
        }
        let rendered = DiagnosticRenderer.render(report, as: format)
        if let output {
            try Data(rendered.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }
        if format == .text || output != nil {
            FileHandle.standardError.write(Data((DiagnosticRenderer.summary(report) + "\n").utf8))
        }
        if report.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
