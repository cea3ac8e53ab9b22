import Foundation
import Persistence
import PersistenceSQLite
import Testing

/// The quarantine kept in `.gantry/gantry.db` forgives failures in `gantry gate` and in `gantry/gate@v1`.
@Suite("Gates and the stored quarantine")
struct GateStoredQuarantineTests {
    static func repository() async throws -> TemporaryRepository {
        let repository = try TemporaryRepository(files: [
            ".gantry/gates.yml": "tests:\n  reports: \"reports/*.xml\"\n",
            ".github/workflows/ci.yml": """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: gantry/gate@v1
            """,
        ])
        try repository.copyFixture("junit/pytest.xml", to: "reports/pytest.xml")
        try repository.initGit()
        try repository.shell("git remote add origin https://github.com/acme/widgets")
        let store = try SQLiteStore.open(repositoryRoot: repository.root)
        try await store.quarantine(
            QuarantineRecord(
                identifier: "tests.test_math::test_divide", reason: "flaky on CI", addedBy: "alice", addedAt: Date()))
        return repository
    }

    @Test("gantry gate forgives a failure of a test quarantined in the store, and lists it")
    func command() async throws {
        let repository = try await Self.repository()
        defer { repository.remove() }
        let run = try GateCommandTests.gantry([], in: repository)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stdout.contains(
                "forgiven: 1 quarantined failure did not fail the gate\n"
                    + "    tests/test_math.py:7 tests.test_math::test_divide: failed: ZeroDivisionError: division by zero"
            ))
    }

    @Test("without the store entry the same evidence fails: the store is what forgave it")
    func withoutStore() async throws {
        let repository = try await Self.repository()
        defer { repository.remove() }
        try FileManager.default.removeItem(atPath: repository.root + "/.gantry/gantry.db")
        let run = try GateCommandTests.gantry([], in: repository)
        #expect(run.status == 1)
        #expect(
            !FileManager.default.fileExists(atPath: repository.root + "/.gantry/gantry.db"), "a gate creates no store")
    }

    @Test("gantry/gate@v1 forgives it too, through the run's store")
    func action() async throws {
        let repository = try await Self.repository()
        defer { repository.remove() }
        let run = try GateActionTests.run(repository)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let summary = try String(contentsOfFile: repository.root + "/.gantry/runs/1/summary.md", encoding: .utf8)
        #expect(summary.contains("### Forgiven: 1 quarantined failure"))
    }
}
