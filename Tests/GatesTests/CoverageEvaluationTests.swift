import Testing

@testable import Gates

@Suite("Coverage evaluation")
struct CoverageEvaluationTests {
    static let report = CoverageReport(
        path: "coverage/lcov.info",
        files: [
            FileCoverage(
                path: "/ci/repo/src/cart.js", lines: .init(found: 100, hit: 90), branches: .init(found: 10, hit: 5),
                functions: .init(found: 10, hit: 9)),
            FileCoverage(
                path: "/ci/repo/src/price.js", lines: .init(found: 100, hit: 60), branches: .init(found: 10, hit: 10),
                functions: .init(found: 10, hit: 6)),
            FileCoverage(path: "src/new.js", lines: .init(found: 20, hit: 10)),
        ])

    static func evaluate(_ yaml: String, changed: [String]? = nil, root: String? = nil) throws -> GateResult {
        let policy = try GateEvaluationTests.policy(yaml)
        return policy.evaluate(
            GateEvidence(
                coverage: Evidence(items: [report], sources: [report.path]),
                changedFiles: changed.map { Evidence(items: $0, sources: ["git diff --name-only origin/main...HEAD"]) }
                    ?? .init(),
                root: root))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var yaml: String
        var passed: [String: Bool]
        var testDescription: String { yaml }
    }

    @Test(
        "overall minimums compare the sum over every file (lines 160/220, branches 15/20, functions 15/20)",
        arguments: [
            Case(yaml: "coverage:\n  min-lines: 72", passed: ["coverage.min-lines": true]),
            Case(yaml: "coverage:\n  min-lines: 73", passed: ["coverage.min-lines": false]),
            Case(
                yaml: "coverage:\n  min-branches: 75\n  min-functions: 76",
                passed: ["coverage.min-branches": true, "coverage.min-functions": false]),
        ])
    func overall(_ example: Case) throws {
        let result = try Self.evaluate(example.yaml)
        #expect(Dictionary(uniqueKeysWithValues: result.rules.map { ($0.id, $0.passed) }) == example.passed)
    }

    @Test("a failing minimum shows actual and threshold, and lists the files below it, least covered first")
    func evidence() throws {
        let rule = try GateEvaluationTests.rule(try Self.evaluate("coverage:\n  min-lines: 80"), "coverage.min-lines")
        #expect(rule.summary == "line coverage 72.72% (160 of 220 lines); expected at least 80%")
        #expect(rule.policyLocation == "gates.yml:2:14")
        #expect(
            rule.evidence.map(\.description) == [
                "src/new.js: 50% (10 of 20 lines)", "/ci/repo/src/price.js: 60% (60 of 100 lines)",
            ])
    }

    @Test("no branch data is no evidence, so a branch minimum fails instead of passing on nothing")
    func noData() throws {
        let policy = try GateEvaluationTests.policy("coverage:\n  min-branches: 50")
        let empty = CoverageReport(
            path: "lcov.info", files: [FileCoverage(path: "a.js", lines: .init(found: 3, hit: 3))])
        let result = policy.evaluate(GateEvidence(coverage: Evidence(items: [empty], sources: ["lcov.info"])))
        let rule = try GateEvaluationTests.rule(result, "coverage.min-branches")
        #expect(!rule.passed)
        #expect(rule.actual == "no evidence: the coverage report has no branch data")
    }

    @Test("changed files: only those the diff lists count, matched to absolute paths through the root")
    func changedFiles() throws {
        let yaml = "coverage:\n  changed-files: { min-lines: 70 }"
        let result = try Self.evaluate(yaml, changed: ["src/price.js", "src/new.js", "README.md"], root: "/ci/repo")
        let rule = try GateEvaluationTests.rule(result, "coverage.changed-files.min-lines")
        #expect(!rule.passed)
        #expect(rule.actual == "line coverage of 2 changed files 58.33% (70 of 120 lines)")
        #expect(
            rule.evidence.map(\.description) == [
                "src/new.js: 50% (10 of 20 lines)", "src/price.js: 60% (60 of 100 lines)",
            ])
        let passing = try Self.evaluate(yaml, changed: ["src/cart.js"], root: "/elsewhere")
        #expect(passing.passed, "a path from another machine is matched by its unique ending")
    }

    @Test("changed files that no report covers pass, and are listed so a path mismatch is visible")
    func nothingChanged() throws {
        let yaml = "coverage:\n  changed-files: { min-lines: 70 }"
        let docs = try GateEvaluationTests.rule(
            try Self.evaluate(yaml, changed: ["README.md"]), "coverage.changed-files.min-lines")
        #expect(docs.passed)
        #expect(docs.actual == "none of the 1 changed file is in the coverage report, so there is nothing to measure")
        #expect(docs.evidence.map(\.description) == ["README.md: changed, not measured"])
        let none = try GateEvaluationTests.rule(
            try Self.evaluate(yaml, changed: []), "coverage.changed-files.min-lines")
        #expect(none.passed && none.actual == "no files changed since origin/main")
    }

    @Test("a failed git diff fails the changed-files rule")
    func gitFailed() throws {
        let policy = try GateEvaluationTests.policy("coverage:\n  min-lines: 1\n  changed-files: { min-lines: 70 }")
        let result = policy.evaluate(
            GateEvidence(
                coverage: Evidence(items: [Self.report], sources: ["lcov.info"]),
                changedFiles: .missing("git diff --name-only origin/main...HEAD failed (exit 128): fatal: bad revision")
            ))
        #expect(result.failures.map(\.id) == ["coverage.changed-files.min-lines"])
        #expect(result.failures[0].actual.hasPrefix("no evidence: git diff --name-only origin/main...HEAD failed"))
    }
}
