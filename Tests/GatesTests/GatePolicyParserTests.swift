import Diagnostics
import Foundation
import Testing

@testable import Gates

@Suite("Gate policy files")
struct GatePolicyParserTests {
    /// The fixtures in the source tree, where `RECORD_SNAPSHOTS=1` writes `.out` files.
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/policy")

    static func cases(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("policy/" + folder))) ?? []
        return names.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func parse(_ folder: String, _ name: String) throws -> (GatePolicy?, [Diagnostic]) {
        let text = try String(contentsOf: Fixtures.url("policy/\(folder)/\(name).yml"), encoding: .utf8)
        return GatePolicy.parse(text, file: "\(folder)/\(name).yml")
    }

    @Test("every policy in err/ gives exactly the diagnostics in its .out file", arguments: cases("err"))
    func golden(name: String) throws {
        let (policy, diagnostics) = try Self.parse("err", name)
        #expect(policy == nil)
        let rendered = diagnostics.map(\.rendered).joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try rendered.write(
                to: Self.sourceFixtures.appendingPathComponent("err/\(name).out"), atomically: true, encoding: .utf8)
            Issue.record("recorded err/\(name).out; run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: Fixtures.url("policy/err/\(name).out"), encoding: .utf8)
        #expect(rendered == expected)
    }

    @Test("there are golden cases to check")
    func hasCases() {
        #expect(Self.cases("err").count >= 6)
        #expect(Self.cases("ok").count >= 2)
    }

    @Test("every policy in ok/ parses without a single diagnostic", arguments: cases("ok"))
    func ok(name: String) throws {
        let (policy, diagnostics) = try Self.parse("ok", name)
        #expect(policy != nil)
        #expect(diagnostics.map(\.rendered) == [])
    }

    @Test("the full example becomes the model it describes")
    func model() throws {
        let policy = try #require(try Self.parse("ok", "full").0)
        let tests = try #require(policy.tests)
        #expect(tests.reports == ["reports/**/*.xml"])
        #expect(tests.minTests.value == 1 && tests.maxFailed.value == 0 && tests.maxErrored.value == 0)
        #expect(tests.maxFailed.location == SourceLocation(file: "ok/full.yml", line: 5, column: 15))
        #expect(tests.quarantine == ["tests.test_net::test_flaky"])
        let coverage = try #require(policy.coverage)
        #expect(coverage.reports == ["coverage/lcov.info"])
        #expect(coverage.minimums.mapValues(\.value) == [.lines: 80, .branches: 70, .functions: 75])
        #expect(coverage.changedFiles?.base == "origin/main")
        #expect(coverage.changedFiles?.minimums.mapValues(\.value) == [.lines: 90])
        #expect(policy.sarif?.files == ["scan/*.sarif"])
        #expect(policy.sarif?.maximums.mapValues(\.value) == [.error: 0, .warning: 20])
        #expect(policy.metrics.map(\.name) == ["categories.performance.score", "bundle-size"])
        #expect(policy.metrics[1].path.components == [.key("assets"), .index(0), .key("size")])
        #expect(policy.metrics[1].max?.value == 250000 && policy.metrics[1].min == nil)
    }

    @Test("an empty section takes the defaults: tests need one test and no failures, SARIF no errors")
    func defaults() throws {
        let policy = try #require(try Self.parse("ok", "defaults").0)
        let tests = try #require(policy.tests)
        #expect(tests.minTests.value == 1 && tests.maxFailed.value == 0 && tests.maxErrored.value == 0)
        #expect(tests.reports.isEmpty)
        #expect(policy.sarif?.maximums.mapValues(\.value) == [.error: 0])
        #expect(policy.sarif?.files == ["scan/codeql.sarif", "scan/semgrep.sarif"])
    }

    @Test("a coverage minimum written as a fraction is accepted with a warning")
    func fraction() {
        let (policy, diagnostics) = GatePolicy.parse("coverage:\n  min-lines: 0.8\n", file: "g.yml")
        #expect(policy?.coverage?.minimums[.lines]?.value == 0.8)
        #expect(
            diagnostics.map(\.rendered) == [
                "g.yml:2:14: warning: \"coverage.min-lines\" is 0.8%, which is almost nothing; did you mean 80? [gate-policy]"
            ])
    }
}
