import Foundation
import Testing

/// `uses: gantry/gate@v1` in a workflow, run by the real `gantry run`.
@Suite("gantry/gate@v1, end to end")
struct GateActionTests {
    static func repository(_ steps: String) throws -> TemporaryRepository {
        let repository = try TemporaryRepository(files: [
            ".gantry/gates.yml": "tests:\n  reports: \"reports/*.xml\"\n",
            ".github/workflows/ci.yml": """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
            \(steps)
                  - run: echo after the gate
            """,
        ])
        try repository.copyFixture("junit/pytest.xml", to: "other/pytest.xml")
        try repository.copyFixture("junit/swift-xunit.xml", to: "reports/swift.xml")
        try repository.initGit()
        try repository.shell("git remote add origin https://github.com/acme/widgets")
        return repository
    }

    static func run(_ repository: TemporaryRepository, _ arguments: [String] = []) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let binary = try #require(GateCommandTests.binary, "the gantry binary was not built; run swift build first")
        return try TemporaryRepository.execute([binary, "run", "--bind"] + arguments, in: repository.root)
    }

    @Test("a failing gate fails its step, logs the rules and writes the masked Markdown summary")
    func failing() throws {
        let repository = try Self.repository(
            """
                  - id: gate
                    uses: gantry/gate@v1
                    with:
                      junit: other/*.xml
            """)
        defer { repository.remove() }
        let run = try Self.run(repository, ["-s", "HIDDEN=ZeroDivisionError"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("FAIL tests.max-failed: 1 test failed; expected at most 0"))
        #expect(!run.stdout.contains("Run echo after the gate"), "a step after a failed gate does not run")
        let summary = try String(contentsOfFile: repository.root + "/.gantry/runs/1/summary.md", encoding: .utf8)
        #expect(summary.hasPrefix("## ❌ Gate failed: 1 of 3 rules failed"))
        #expect(summary.contains("`tests.test_math::test_divide`: ***: division by zero"))
        #expect(!summary.contains("ZeroDivisionError") && !run.stdout.contains("ZeroDivisionError"))
        // The reports the gate read are now test history: the failed test is there, tied to the run.
        #expect(run.stdout.contains("stored 1 test report(s) in the test history"))
        let stored = try TemporaryRepository.execute(
            ["/usr/bin/env", "python3", "-c",
             "import sqlite3;print(sqlite3.connect('.gantry/gantry.db').execute(\"select count(*) from test_case_detail where outcome='failed'\").fetchone()[0])"],
            in: repository.root)
        #expect(stored.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(stored.stdout)\(stored.stderr)")
    }

    @Test("a passing gate passes its step, and the job goes on")
    func passing() throws {
        let repository = try Self.repository("      - uses: gantry/gate@v1")
        defer { repository.remove() }
        let run = try Self.run(repository)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("gate passed: 3 rules passed"))
        #expect(run.stdout.contains("Run echo after the gate"))
        let summary = try String(contentsOfFile: repository.root + "/.gantry/runs/1/summary.md", encoding: .utf8)
        #expect(summary.hasPrefix("## ✅ Gate passed: 3 rules passed"))
    }

    @Test("an invalid policy fails the step with its diagnostics")
    func invalid() throws {
        let repository = try Self.repository(
            """
                  - uses: gantry/gate@v1
                    with:
                      policy: .gantry/missing.yml
            """)
        defer { repository.remove() }
        let run = try Self.run(repository)
        #expect(run.status == 1)
        #expect(run.stdout.contains(".gantry/missing.yml:1:1: error: the gate policy does not exist"))
    }
}
