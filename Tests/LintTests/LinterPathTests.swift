import Diagnostics
import Foundation
import Testing

@testable import Lint

/// Which files `gantry lint PATH…` reads, and how their paths are shown.
@Suite("linting paths")
struct LinterPathTests {
    /// A temporary directory with `files` (path → text), removed after `body`.
    static func withFiles(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-lint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try body(root.path)
    }

    static let clean = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    static let masked =
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test || true\n"

    @Test("no path means .github/workflows of the working directory")
    func defaultDirectory() throws {
        try Self.withFiles([
            ".github/workflows/ci.yml": Self.masked, ".github/workflows/b.yaml": Self.clean, "x.yml": Self.masked,
        ]) { root in
            let report = try Linter.lint(paths: [], workingDirectory: root)
            #expect(report.files == [".github/workflows/b.yaml", ".github/workflows/ci.yml"])
            #expect(report.diagnostics.map(\.location.description) == [".github/workflows/ci.yml:6:24"])
        }
    }

    @Test("a directory of repositories lints each one, with paths shown from the working directory")
    func nestedRepositories() throws {
        try Self.withFiles([
            "corpus/a/.github/workflows/ci.yml": Self.masked, "corpus/b/.github/workflows/ci.yml": Self.clean,
            "corpus/b/.github/workflows/call.yml": "on: push\njobs:\n  c:\n    uses: ./.github/workflows/ci.yml\n",
        ]) { root in
            let report = try Linter.lint(paths: ["corpus"], workingDirectory: root)
            #expect(
                report.files == [
                    "corpus/a/.github/workflows/ci.yml", "corpus/b/.github/workflows/call.yml",
                    "corpus/b/.github/workflows/ci.yml",
                ])
            #expect(report.diagnostics.map(\.rule) == ["swallowed-failure"])
            #expect(report.diagnostics.first?.location.file == "corpus/a/.github/workflows/ci.yml")
        }
    }

    @Test("a file or a flat directory of workflows is linted as given")
    func filesAndFlatDirectories() throws {
        try Self.withFiles(["flat/one.yml": Self.masked, "flat/two.yml": Self.clean, "flat/notes.txt": "x"]) { root in
            let flat = try Linter.lint(paths: ["flat"], workingDirectory: root)
            #expect(flat.files == ["flat/one.yml", "flat/two.yml"])
            let file = try Linter.lint(paths: ["flat/one.yml"], workingDirectory: root)
            #expect(file.files == ["flat/one.yml"])
            let absolute = try Linter.lint(paths: [root + "/flat/two.yml"], workingDirectory: "/")
            #expect(absolute.files == [root + "/flat/two.yml"])
        }
    }

    @Test("a missing path is an error naming it, and nothing is linted")
    func missing() throws {
        try Self.withFiles(["a.yml": Self.clean]) { root in
            let error = #expect(throws: DiagnosticError.self) {
                try Linter.lint(paths: ["a.yml", "nope"], workingDirectory: root)
            }
            #expect(
                error?.diagnostics.map(\.rendered) == [
                    "nope:1:1: error: no workflow file or directory at this path [workflow-path]"
                ])
            #expect(throws: DiagnosticError.self) { try Linter.lint(paths: [], workingDirectory: root) }
        }
    }

    @Test("invalid YAML is a finding, not a crash")
    func invalidYAML() throws {
        try Self.withFiles(["bad.yml": "on: [push\njobs: {"]) { root in
            let report = try Linter.lint(paths: ["bad.yml"], workingDirectory: root)
            #expect(report.diagnostics.map(\.rule) == ["syntax"])
            #expect(report.diagnostics.hasErrors)
        }
    }
}
