import Foundation
import Gates
import Persistence
import PersistenceSQLite
import Testing

@Suite("ingesting JUnit reports")
struct TestIngestorTests {
    /// A report of tests in class `pkg`; `run` makes reports with the same outcomes differ, as timestamps do.
    static func junit(_ outcomes: [String: String], run: Int = 0) -> String {
        let cases = outcomes.keys.sorted().map { name -> String in
            switch outcomes[name] {
            case "failed": "<testcase classname=\"pkg\" name=\"\(name)\"><failure message=\"boom \(name)\"/></testcase>"
            case "flaky":
                "<testcase classname=\"pkg\" name=\"\(name)\"><flakyFailure message=\"first try\"/></testcase>"
            default: "<testcase classname=\"pkg\" name=\"\(name)\" time=\"0.1\"/>"
            }
        }
        return "<testsuite name=\"s\" timestamp=\"\(run)\">" + cases.joined() + "</testsuite>"
    }

    @Test(
        "SHA-256 matches the FIPS 180-4 examples and block edges",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (String(repeating: "a", count: 1_000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ])
    func digest(_ input: String, _ expected: String) {
        #expect(ReportDigest.sha256(Data(input.utf8)) == expected)
    }

    @Test("reports are stored in the order given though parsed in parallel; a bad one is reported, the rest stored")
    func ingestFiles() async throws {
        let directory = NSTemporaryDirectory() + "gantry-ingest-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(path: directory + "/gantry.db")
        var paths: [String] = []
        for index in 0..<12 {
            let path = directory + "/report-\(index).xml"
            let text =
                index == 5
                ? "<html>no</html>"
                : Self.junit(["alpha": index % 3 == 0 ? "failed" : "passed", "beta": "passed"], run: index)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let ingestor = TestIngestor(store: store, commit: "", concurrency: 4)
        let outcomes = try await ingestor.ingest(paths: paths)
        let unreadable = outcomes.enumerated().compactMap { index, outcome in
            if case .unreadable(let error) = outcome { (index, error.path) } else { nil }
        }
        #expect(unreadable.map(\.0) == [5] && unreadable.map(\.1) == [paths[5]])
        let ingestions = try await store.ingestions(limit: 20).reversed().map(\.sourcePath)
        #expect(ingestions == paths.enumerated().filter { $0.offset != 5 }.map(\.element))
        let alpha = try await store.testHistories(.identifiers(["pkg::alpha"])).first
        // Run order is file order: failures at 0, 3, 6 and 9 of the readable reports 0-4 and 6-11.
        #expect(alpha.map { TestRunSummary.encode($0.runs) } == "FPPFP" + "FPPFPP")
        // The same file again, for the same (unknown) commit: already stored.
        let again = try await ingestor.ingest(paths: [paths[0]])
        if case .ingested(let result) = again.first {
            #expect(!result.inserted)
        } else {
            Issue.record("the report was not read again: \(again)")
        }
        #expect(try await store.ingestions(limit: 20).count == 11)
    }

    @Test("auto-quarantine takes the tests flaky in K of their latest runs, once")
    func autoQuarantineTests() async throws {
        let store = InMemoryStore()
        let ingestor = TestIngestor(store: store, commit: "")
        for (index, outcome) in ["flaky", "passed", "flaky", "failed", "passed", "flaky"].enumerated() {
            let report = try JUnitReader.parse(
                Data(Self.junit(["often": outcome, "once": index == 0 ? "flaky" : "passed"]).utf8),
                path: "r\(index).xml")
            _ = try await ingestor.ingest(report, sha256: "sha\(index)")
        }
        let now = Date(timeIntervalSince1970: 5_000)
        #expect(try await autoQuarantine(policyK: 3, store: store, window: 2, now: now).isEmpty)
        let added = try await autoQuarantine(policyK: 3, store: store, now: now)
        #expect(added.map(\.identifier) == ["pkg::often"])
        #expect(added.first?.reason == "flaky in 3 of its last 6 runs (tests.auto-quarantine.flaky-runs: 3)")
        #expect(added.first?.automatic == true && added.first?.addedBy == "gantry")
        #expect(try await autoQuarantine(policyK: 3, store: store).isEmpty)
        #expect(await store.quarantinedIdentifiers() == ["pkg::often"])
    }
}
