import Foundation
import Testing

@testable import Gates

@Suite("SARIF logs")
struct SarifReaderTests {
    static func read(_ name: String) throws -> SarifLog {
        try SarifReader.read(contentsOf: Fixtures.path("sarif/" + name))
    }

    @Test("CodeQL: a result without a level takes its rule's default level")
    func codeql() throws {
        let log = try Self.read("codeql.sarif")
        #expect(log.tools == ["CodeQL"])
        #expect(
            log.findings == [
                SarifFinding(
                    tool: "CodeQL", ruleID: "js/sql-injection", level: .error,
                    message: "This query string depends on a [user-provided value](1).", uri: "src/routes/users.js",
                    line: 42),
                SarifFinding(
                    tool: "CodeQL", ruleID: "js/unused-local-variable", level: .note,
                    message: "Unused variable legacy.",
                    uri: "src/routes/users.js", line: 7),
            ])
    }

    @Test("Semgrep: explicit levels; a result suppressed in source is counted apart")
    func semgrep() throws {
        let log = try Self.read("semgrep.sarif")
        #expect(log.findings(at: .error).map(\.uri) == ["app/settings.py"])
        #expect(log.findings(at: .warning).map(\.line) == [31])
        #expect(log.suppressed == 1)
    }

    @Test("ESLint: no level and no default means warning; a non-fail kind means none; file URIs become paths")
    func eslint() throws {
        let log = try Self.read("eslint.sarif")
        #expect(log.findings.map(\.level) == [.warning, .none])
        #expect(log.findings[0].uri == "/home/runner/work/web/web/src/app.ts")
        #expect(log.findings[0].ruleID == "no-unused-vars")
    }

    @Test("a run with no results is a clean scan, not an error")
    func clean() throws {
        let log = try Self.read("clean.sarif")
        #expect(log.findings.isEmpty && log.tools == ["SwiftLint"])
    }

    @Test(
        "an empty, runless, broken, old or invalid log is an error",
        arguments: [
            ("empty.sarif", nil as Int?, "the SARIF file is empty"),
            ("no-runs.sarif", nil, "the SARIF log has no runs, so no tool reported anything"),
            ("broken.sarif", 4, "invalid JSON: Invalid value around character"),
            ("old.sarif", nil, "unsupported SARIF version: expected \"2.1.0\", found \"1.0.0\""),
            (
                "bad-level.sarif", nil,
                "not a SARIF log: Cannot initialize SarifLevel from invalid String value fatal at $.runs[0].results[0].level"
            ),
        ])
    func errors(name: String, line: Int?, message: String) throws {
        let error = try #require(throws: ReportError.self) { try Self.read(name) }
        #expect(error.path.hasSuffix("sarif/" + name))
        #expect(error.line == line)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }
}
