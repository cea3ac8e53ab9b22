import Foundation
import Persistence
import PersistenceSQLite
import Testing

/// The two stores that keep test history, each tested against the same contract.
enum TestHistoryStoreKind: String, CaseIterable, Sendable {
    case memory, sqlite

    /// A new, empty store and a way to remove it.
    func make() throws -> (store: any TestHistoryStore & Store, remove: @Sendable () -> Void) {
        switch self {
        case .memory:
            return (InMemoryStore(), {})
        case .sqlite:
            let directory = NSTemporaryDirectory() + "gantry-test-history-\(UUID().uuidString)"
            return (
                try SQLiteStore(path: directory + "/gantry.db"),
                { try? FileManager.default.removeItem(atPath: directory) }
            )
        }
    }
}

@Suite("test history store")
struct TestHistoryStoreTests {
    static func record(_ name: String, _ outcome: TestCaseRecord.Outcome, attempt: Int = 1, message: String? = nil)
        -> TestCaseRecord
    {
        TestCaseRecord(
            suite: "suite", className: "pkg.Class", name: name, identifier: "pkg.Class::\(name)",
            file: "Tests/\(name).swift",
            outcome: outcome, duration: 0.5, attempt: attempt, message: message)
    }

    static func ingestion(_ sha: String, commit: String, runID: Int64? = nil, at seconds: Double = 1_000)
        -> IngestionRecord
    {
        IngestionRecord(
            sourcePath: "reports/\(sha).xml", commit: commit, runID: runID, reportSHA256: sha,
            createdAt: Date(timeIntervalSince1970: seconds))
    }

    static func codes(_ store: any TestHistoryStore, _ name: String) async throws -> String {
        let histories = try await store.testHistories(.identifiers(["pkg.Class::\(name)"]))
        return TestRunSummary.encode(histories.first?.runs ?? [])
    }

    @Test(
        "each report is one run per test; attempts are stored, the run is summarized",
        arguments: TestHistoryStoreKind.allCases)
    func ingest(_ kind: TestHistoryStoreKind) async throws {
        let (store, remove) = try kind.make()
        defer { remove() }
        let cases = [
            Self.record("stable", .passed),
            Self.record("retried", .failed, attempt: 1, message: "timeout"),
            Self.record("retried", .passed, attempt: 2),
            Self.record("broken", .errored, message: "NullPointerException"),
            Self.record("ignored", .skipped),
        ]
        let result = try await store.ingest(Self.ingestion("aaa", commit: "c1", at: 1_000.0004), cases: cases)
        #expect(result.inserted)
        #expect(result.ingestion.caseCount == 5 && result.ingestion.testCount == 4)
        #expect(result.ingestion.createdAt == Date(timeIntervalSince1970: 1_000))
        let stored = try await store.testCases(ingestionID: result.ingestion.id)
        #expect(stored.map(\.identifier) == cases.map(\.identifier))
        #expect(stored.map(\.attempt) == [1, 1, 2, 1, 1])
        #expect(stored.allSatisfy { $0.ingestionID == result.ingestion.id && $0.id != 0 })
        #expect(try await Self.codes(store, "stable") == "P")
        #expect(try await Self.codes(store, "retried") == "R")
        #expect(try await Self.codes(store, "broken") == "F")
        #expect(try await Self.codes(store, "ignored") == "S")
        let broken = try #require(try await store.testHistories(.identifiers(["pkg.Class::broken"])).first)
        #expect(broken.lastFailureMessage == "NullPointerException" && broken.lastFailureCommit == "c1")
        #expect(broken.file == "Tests/broken.swift" && broken.className == "pkg.Class")
        #expect(try await store.testHistories(.unstable).map(\.name) == ["broken", "retried"])
        #expect(try await store.testHistories(.all).count == 4)
    }

    @Test("the same report for the same commit and run is stored once", arguments: TestHistoryStoreKind.allCases)
    func idempotent(_ kind: TestHistoryStoreKind) async throws {
        let (store, remove) = try kind.make()
        defer { remove() }
        let first = try await store.ingest(Self.ingestion("same", commit: "c1"), cases: [Self.record("a", .passed)])
        let again = try await store.ingest(Self.ingestion("same", commit: "c1"), cases: [Self.record("a", .passed)])
        #expect(!again.inserted && again.ingestion.id == first.ingestion.id)
        let otherCommit = try await store.ingest(
            Self.ingestion("same", commit: "c2"), cases: [Self.record("a", .passed)])
        #expect(otherCommit.inserted && otherCommit.ingestion.id > first.ingestion.id)
        #expect(try await store.ingestions(limit: 10).map(\.id) == [otherCommit.ingestion.id, first.ingestion.id])
        #expect(try await Self.codes(store, "a") == "PP")
    }

    @Test(
        "a run that ends the other way from an earlier run of its commit is flipped",
        arguments: TestHistoryStoreKind.allCases)
    func sameCommit(_ kind: TestHistoryStoreKind) async throws {
        let (store, remove) = try kind.make()
        defer { remove() }
        let reports: [(String, String, TestCaseRecord.Outcome)] = [
            ("1", "c1", .passed), ("2", "c2", .failed), ("3", "c1", .failed), ("4", "c1", .passed), ("5", "", .failed),
            ("6", "", .passed),
        ]
        for (sha, commit, outcome) in reports {
            _ = try await store.ingest(Self.ingestion(sha, commit: commit), cases: [Self.record("t", outcome)])
        }
        // Unknown commits (empty) are never the same commit.
        #expect(try await Self.codes(store, "t") == "PFfpFP")
    }

    @Test("only the latest runs are kept, in order", arguments: TestHistoryStoreKind.allCases)
    func retention(_ kind: TestHistoryStoreKind) async throws {
        let (store, remove) = try kind.make()
        defer { remove() }
        let total = TestRunSummary.retainedRuns + 5
        for index in 0..<total {
            let outcome: TestCaseRecord.Outcome = index < 5 || index == total - 1 ? .failed : .passed
            _ = try await store.ingest(
                Self.ingestion("r\(index)", commit: "c\(index)"), cases: [Self.record("t", outcome)])
        }
        let codes = try await Self.codes(store, "t")
        #expect(codes == String(repeating: "P", count: TestRunSummary.retainedRuns - 1) + "F")
    }

    @Test("quarantine: add, replace, list, lift", arguments: TestHistoryStoreKind.allCases)
    func quarantine(_ kind: TestHistoryStoreKind) async throws {
        let (store, remove) = try kind.make()
        defer { remove() }
        let at = Date(timeIntervalSince1970: 2_000)
        #expect(
            try await store.quarantine(
                QuarantineRecord(identifier: "b::t", reason: "flaky", addedBy: "ann", addedAt: at)))
        #expect(
            try await store.quarantine(
                QuarantineRecord(identifier: "a::t", reason: "auto", addedBy: "gantry", addedAt: at, automatic: true)))
        #expect(
            !(try await store.quarantine(
                QuarantineRecord(identifier: "b::t", reason: "still", addedBy: "bob", addedAt: at))))
        let entries = try await store.quarantineEntries()
        #expect(entries.map(\.identifier) == ["a::t", "b::t"])
        #expect(
            entries[0].automatic && !entries[1].automatic && entries[1].reason == "still" && entries[1].addedAt == at)
        #expect(try await store.quarantinedIdentifiers() == ["a::t", "b::t"])
        #expect(try await store.unquarantine(identifier: "a::t"))
        #expect(!(try await store.unquarantine(identifier: "a::t")))
        #expect(try await store.quarantinedIdentifiers() == ["b::t"])
    }

    @Test("a report of a run that does not exist is refused", arguments: TestHistoryStoreKind.allCases)
    func unknownRun(_ kind: TestHistoryStoreKind) async throws {
        let (store, remove) = try kind.make()
        defer { remove() }
        let error = await #expect(throws: StoreError.self) {
            try await store.ingest(Self.ingestion("x", commit: "c", runID: 999), cases: [Self.record("a", .passed)])
        }
        #expect(error?.code == .constraintViolation)
        let run = try await store.insertRun(
            RunRecord(
                repository: "/r", event: "push", ref: "refs/heads/main", sha: "c", workflows: ["ci"], startedAt: Date())
        )
        let stored = try await store.ingest(
            Self.ingestion("x", commit: "c", runID: run.id), cases: [Self.record("a", .passed)])
        #expect(stored.ingestion.runID == run.id)
        #expect(try await store.ingestions(limit: 1).first == stored.ingestion)
    }

    @Test("the SQLite store, a hundred rows per statement, keeps what the in-memory store keeps")
    func storesAgree() async throws {
        let (sqlite, remove) = try TestHistoryStoreKind.sqlite.make()
        defer { remove() }
        let memory = InMemoryStore()
        var generator = SeededGenerator(seed: 11)
        for report in 0..<8 {
            var cases: [TestCaseRecord] = []
            // 230 to 265 tests, more every report, so that inserts, updates and lookups all span several statements.
            for test in 0..<(230 + report * 5) {
                let draw = Int.random(in: 0..<20, using: &generator)
                let name = "t\(test)"
                switch draw {
                case 0: cases.append(Self.record(name, .skipped))
                case 1...3: cases.append(Self.record(name, .failed, message: "boom \(report)"))
                case 4...5:
                    cases.append(Self.record(name, .errored, attempt: 1, message: "first"))
                    cases.append(Self.record(name, .passed, attempt: 2))
                default: cases.append(Self.record(name, .passed))
                }
            }
            let ingestion = Self.ingestion("r\(report)", commit: "c\(report % 3)", at: 1_000 + Double(report))
            let one = try await sqlite.ingest(ingestion, cases: cases)
            let two = try await memory.ingest(ingestion, cases: cases)
            #expect(
                one.ingestion.caseCount == two.ingestion.caseCount && one.ingestion.testCount == two.ingestion.testCount
            )
        }
        let expected = await memory.testHistories(.all)
        let actual = try await sqlite.testHistories(.all)
        #expect(actual.count == 265 && actual == expected)
        #expect(actual.contains { history in history.runs.contains { $0.code == "f" || $0.code == "p" } })
        #expect(try await sqlite.testHistories(.unstable) == memory.testHistories(.unstable))
    }
}

/// A small deterministic random number generator (SplitMix64), so generated histories are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
