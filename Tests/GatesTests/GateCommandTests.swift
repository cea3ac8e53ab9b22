import Foundation
import Testing

/// The real `gantry gate` binary, run in throwaway repositories.
@Suite("gantry gate, end to end")
struct GateCommandTests {
    /// `GANTRY_BINARY`, else the nearest `.build/debug/gantry` above this file (built by `swift build`).
    static let binary: String? = {
        if let path = ProcessInfo.processInfo.environment["GANTRY_BINARY"] { return path }
        var directory = URL(fileURLWithPath: #filePath)
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent(".build/debug/gantry")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        return nil
    }()

    static func gantry(_ arguments: [String], in repository: TemporaryRepository) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let binary = try #require(binary, "the gantry binary was not built; run swift build first")
        return try TemporaryRepository.execute([binary, "gate"] + arguments, in: repository.root)
    }

    static let policy = """
        tests:
          reports: "reports/**/*.xml"
          quarantine: [ "tests.test_math::test_divide" ]
        coverage:
          report: coverage/lcov.info
          min-lines: 80
          changed-files: { base: main, min-lines: 50 }
        sarif:
          files: "scan/*.sarif"
          max: { error: 0, warning: 5 }
        metrics:
          - name: performance
            file: lighthouse.json
            path: categories.performance.score
            min: 0.7
        """

    /// A git repository on a feature branch with passing evidence (its one failing test is quarantined).
    static func passingRepository() throws -> TemporaryRepository {
        let repository = try TemporaryRepository(files: [".gantry/gates.yml": policy, "src/price.js": "total\n"])
        try repository.initGit()
        try repository.shell("git checkout -q -b feature && printf 'more\\n' >> src/price.js && git commit -qam change")
        try repository.copyFixture("junit/pytest.xml", to: "reports/unit/pytest.xml")
        try repository.copyFixture("lcov/nyc.info", to: "coverage/lcov.info")
        try repository.copyFixture("sarif/clean.sarif", to: "scan/swiftlint.sarif")
        try repository.copyFixture("metrics/lighthouse.json", to: "lighthouse.json")
        return repository
    }

    @Test("evidence that meets the policy passes with exit 0, and the forgiven quarantined failure is listed")
    func passes() throws {
        let repository = try Self.passingRepository()
        defer { repository.remove() }
        let run = try Self.gantry([], in: repository)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stdout.contains(
                "PASS tests.max-failed: 0 tests failed (1 more forgiven: quarantined); expected at most 0"))
        #expect(
            run.stdout.contains(
                "forgiven: 1 quarantined failure did not fail the gate\n"
                    + "    tests/test_math.py:7 tests.test_math::test_divide: failed: ZeroDivisionError: division by zero"
            ))
        // nyc wrote absolute paths on another machine; the changed src/price.js is found by its unique ending.
        #expect(
            run.stdout.contains(
                "PASS coverage.changed-files.min-lines: line coverage of 1 changed file 100% (3 of 3 lines); expected at least 50%"
            ))
        #expect(run.stdout.hasSuffix("gate passed: 8 rules passed, 1 quarantined failure forgiven\n"))
    }

    @Test("flags replace the policy's paths; failing rules list file, test, rule and threshold; exit 1")
    func failsWithFlags() throws {
        let repository = try Self.passingRepository()
        defer { repository.remove() }
        try repository.copyFixture("junit/surefire-flaky.xml", to: "other/junit/surefire.xml")
        try repository.copyFixture("sarif/semgrep.sarif", to: "other/semgrep.sarif")
        try repository.copyFixture("cobertura/coverage-py.xml", to: "other/coverage.xml")
        let run = try Self.gantry(
            [
                "--policy", ".gantry/gates.yml", "--junit", "other/junit/*.xml", "--coverage", "other/coverage.xml",
                "--sarif", "other/*.sarif", "--summary", "summary.md",
            ], in: repository)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stdout.contains(
                "FAIL tests.max-errored: 1 test errored; expected at most 0 (.gantry/gates.yml:1:1)\n"
                    + "    other/junit/surefire.xml com.acme.ServiceTest::testBoom: NullPointerException"))
        #expect(
            run.stdout.contains(
                "FAIL coverage.min-lines: line coverage 77.77% (7 of 9 lines); expected at least 80% (.gantry/gates.yml:6:14)"
            ))
        #expect(
            run.stdout.contains(
                "FAIL sarif.max.error: 1 error finding; expected at most 0 (.gantry/gates.yml:10:17)\n"
                    + "    app/settings.py:12 python.django.security.audit.django-secret-key: Hardcoded Django secret key."
            ))
        #expect(run.stdout.hasSuffix("gate failed: 3 of 8 rules failed\n"))
        let summary = try String(contentsOfFile: repository.root + "/summary.md", encoding: .utf8)
        #expect(summary.hasPrefix("## ❌ Gate failed: 3 of 8 rules failed\n"))
        #expect(summary.contains("| ❌ | `sarif.max.error` | 1 error finding | at most 0 |"))
    }

    @Test("missing evidence fails the gate and says what was missing")
    func missingEvidence() throws {
        let repository = try TemporaryRepository(files: [
            ".gantry/gates.yml": "tests:\n  reports: \"reports/**/*.xml\"\n"
        ])
        defer { repository.remove() }
        let run = try Self.gantry([], in: repository)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains(
                "FAIL tests.min-tests: no evidence: no file matched reports/**/*.xml; expected at least 1"))
    }

    @Test("an invalid policy exits 2 with every diagnostic on stderr, and evaluates nothing")
    func invalidPolicy() throws {
        let repository = try TemporaryRepository(files: [
            ".gantry/gates.yml": "tests:\n  max-faild: 0\nsarif:\n  max: { error: -1 }\n"
        ])
        defer { repository.remove() }
        let run = try Self.gantry([], in: repository)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr == """
                .gantry/gates.yml:2:3: error: unknown key "max-faild" in "tests"; did you mean "max-failed"? [gate-policy]
                .gantry/gates.yml:4:17: error: "sarif.max.error" must be a whole number of at least 0, but it is -1 [gate-policy]

                """)
    }

    @Test("--format json is the whole result, machine-readable")
    func json() throws {
        let repository = try Self.passingRepository()
        defer { repository.remove() }
        let run = try Self.gantry(["--format", "json", "--base", "main"], in: repository)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == true)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(
            rules.map { $0["id"] as? String } == [
                "tests.min-tests", "tests.max-failed", "tests.max-errored", "coverage.min-lines",
                "coverage.changed-files.min-lines", "sarif.max.error", "sarif.max.warning", "metrics.performance",
            ])
        #expect(rules.allSatisfy { $0["passed"] as? Bool == true })
        let forgiven = try #require(object["forgiven"] as? [[String: Any]])
        #expect((forgiven.first?["test"] as? [String: Any])?["name"] as? String == "test_divide")
    }
}
