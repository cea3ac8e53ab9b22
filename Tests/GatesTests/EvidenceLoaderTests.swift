import Foundation
import Testing

@testable import Gates

@Suite("Loading evidence from a repository")
struct EvidenceLoaderTests {
    static let policyText = """
        tests:
          reports: "reports/**/*.xml"
        coverage:
          report: coverage/*
          min-lines: 50
        sarif:
          files: "scan/*.sarif"
        metrics:
          - file: lighthouse.json
            path: categories.performance.score
            min: 0.5
        """

    static func policy(_ text: String = policyText) throws -> GatePolicy {
        try #require(GatePolicy.parse(text, file: ".gantry/gates.yml").0)
    }

    @Test("globs find reports in nested folders; lcov and Cobertura are told apart by content")
    func globs() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.copyFixture("junit/pytest.xml", to: "reports/unit/pytest.xml")
        try repository.copyFixture("junit/jest.xml", to: "reports/jest.xml")
        try repository.write("reports/notes.txt", "not a report")
        try repository.copyFixture("lcov/nyc.info", to: "coverage/lcov.info")
        try repository.copyFixture("cobertura/coverage-py.xml", to: "coverage/coverage.xml")
        try repository.copyFixture("sarif/codeql.sarif", to: "scan/codeql.sarif")
        try repository.copyFixture("metrics/lighthouse.json", to: "lighthouse.json")

        let evidence = EvidenceLoader.load(for: try Self.policy(), root: repository.root)
        #expect(evidence.tests.sources == ["reports/jest.xml", "reports/unit/pytest.xml"])
        #expect(evidence.tests.items.map(\.path) == ["reports/jest.xml", "reports/unit/pytest.xml"])
        #expect(evidence.tests.problems.isEmpty)
        #expect(evidence.coverage.items.map(\.files.count) == [2, 2])
        #expect(evidence.sarif.items.first?.findings.count == 2)
        #expect(evidence.metrics.map(\.items) == [[0.72]])
    }

    @Test("a pattern that matches nothing is a problem that names the pattern")
    func missing() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        let evidence = EvidenceLoader.load(for: try Self.policy(), root: repository.root)
        #expect(evidence.tests.problems.map(\.description) == ["no file matched reports/**/*.xml"])
        #expect(evidence.coverage.problems.map(\.description) == ["no file matched coverage/*"])
        #expect(evidence.sarif.problems.map(\.description) == ["no file matched scan/*.sarif"])
        #expect(evidence.metrics.map { $0.problems.map(\.description) } == [["no file matched lighthouse.json"]])
        let result = try Self.policy().evaluate(evidence)
        #expect(!result.passed && result.rules.allSatisfy { !$0.passed })
    }

    @Test("an unreadable file is a problem with its repository-relative path and line")
    func unreadable() throws {
        let repository = try TemporaryRepository(files: ["reports/a.xml": "<testsuite>\n<testcase name='x'>\n"])
        defer { repository.remove() }
        try repository.copyFixture("sarif/empty.sarif", to: "scan/empty.sarif")
        let evidence = EvidenceLoader.load(for: try Self.policy(), root: repository.root)
        #expect(evidence.tests.problems.first?.path == "reports/a.xml")
        #expect(
            evidence.tests.problems.first?.message == "the report ends before its elements are closed; was it cut off?")
        #expect(evidence.sarif.problems.map(\.description) == ["scan/empty.sarif: the SARIF file is empty"])
    }

    @Test("paths given outside the policy replace the policy's own")
    func overrides() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        try repository.copyFixture("junit/pytest.xml", to: "out/results.xml")
        let evidence = EvidenceLoader.load(
            for: try Self.policy(), root: repository.root, paths: EvidencePaths(junit: ["out/*.xml"]))
        #expect(evidence.tests.sources == ["out/results.xml"])
    }

    @Test("no paths at all is missing evidence that says where to name them")
    func noPaths() throws {
        let repository = try TemporaryRepository()
        defer { repository.remove() }
        let evidence = EvidenceLoader.load(for: try Self.policy("tests:"), root: repository.root)
        #expect(
            evidence.tests.problems.map(\.description) == [
                "no JUnit files were named: set \"tests.reports\" in the policy or pass --junit"
            ])
    }

    @Test("a metric glob that matches two files is a problem: a metric reads exactly one")
    func ambiguousMetric() throws {
        let repository = try TemporaryRepository(files: ["a/m.json": "{\"v\": 1}", "b/m.json": "{\"v\": 2}"])
        defer { repository.remove() }
        let policy = try Self.policy("metrics:\n  - { file: \"*/m.json\", path: v, max: 3 }")
        let evidence = EvidenceLoader.load(for: policy, root: repository.root)
        #expect(evidence.metrics[0].problems.map(\.message) == ["*/m.json matched 2 files; a metric reads exactly one"])
    }

    @Test("absolute paths and ./ prefixes are accepted; directories and .git are not reports")
    func paths() throws {
        let repository = try TemporaryRepository(files: ["r/a.xml": "<testsuites/>", ".git/r/b.xml": "<testsuites/>"])
        defer { repository.remove() }
        try FileManager.default.createDirectory(
            atPath: repository.root + "/r/dir.xml", withIntermediateDirectories: true)
        #expect(EvidenceFiles.match("./r/*.xml", root: repository.root).map(\.display) == ["r/a.xml"])
        #expect(EvidenceFiles.match("**/*.xml", root: repository.root).map(\.display) == ["r/a.xml"])
        #expect(EvidenceFiles.match(repository.root + "/r/a.xml", root: "/nowhere").count == 1)
        #expect(
            EvidenceFiles.match(repository.root + "/r/*.xml", root: "/nowhere").map(\.display) == [
                repository.root + "/r/a.xml"
            ])
        #expect(EvidenceFiles.match("r/dir.xml", root: repository.root).isEmpty)
    }
}
