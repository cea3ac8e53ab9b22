import Diagnostics
import Foundation
import Testing

@testable import Lint

/// Golden files: each `Fixtures/lint/err/<rule-id>[.<case>].yml` must produce exactly the findings in its
/// `.out` file, all of rule `<rule-id>`, and each `Fixtures/lint/ok/*.yml` (the fixed versions) must produce none.
/// Re-record with `RECORD_SNAPSHOTS=1`, which fails the run on purpose so it is never left on.
@Suite("lint golden files")
struct LintGoldenTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/lint")

    static func cases(_ folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func lint(_ folder: String, _ name: String) throws -> LintReport {
        try Linter.lint(paths: ["\(folder)/\(name).yml"], workingDirectory: fixtures.path)
    }

    @Test("every bad workflow is reported where the mistake is", arguments: cases("err"))
    func errors(name: String) throws {
        let report = try Self.lint("err", name)
        let actual = DiagnosticRenderer.text(report)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/lint/err/\(name).out")
            try actual.write(to: source, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).out; unset RECORD_SNAPSHOTS to compare")
            return
        }
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("err/\(name).out"), encoding: .utf8)
        #expect(actual == expected)
        let rule = String(name.prefix { $0 != "." })
        #expect(!report.diagnostics.isEmpty)
        #expect(
            report.diagnostics.allSatisfy { $0.rule == rule }, "every finding of err/\(name).yml is of rule \(rule)")
    }

    @Test("the fixed version of every bad workflow lints clean", arguments: cases("ok"))
    func clean(name: String) throws {
        let report = try Self.lint("ok", name)
        #expect(DiagnosticRenderer.text(report) == "")
        #expect(report.files == ["ok/\(name).yml"])
    }

    @Test("every bad workflow has its fixed version, and every lint rule has both")
    func pairs() {
        #expect(Self.cases("err") == Self.cases("ok"))
        for rule in LintRules.all {
            let id = type(of: rule).id
            #expect(Self.cases("err").contains(id), "missing err/\(id).yml")
        }
    }

    @Test(
        "the seven failure-masking bugs of the issue each fail the lint",
        arguments: [
            ("swallowed-failure", "|| echo"), ("continue-on-error", "aquasecurity/trivy-action"),
            ("swallowed-failure.npm-audit", "npm audit"), ("errexit-disabled", "set +e"),
            ("unchecked-pipe", "npm test"), ("status-check-needs", "security-scan"), ("always-deploy", "always()"),
        ])
    func maskingBugs(name: String, mentions: String) throws {
        let report = try Self.lint("err", name)
        #expect(report.diagnostics.hasErrors)
        #expect(report.diagnostics.contains { $0.message.contains(mentions) })
        #expect(!(try Self.lint("ok", name)).diagnostics.hasErrors)
    }
}
