import Delivery
import Diagnostics
import Foundation
import Testing

/// Golden files: each `Fixtures/spec/err/<case>.yml` must produce exactly the diagnostics in `<case>.out`, and
/// every `Fixtures/spec/ok/*.yml` must produce none. Re-record with `RECORD_SNAPSHOTS=1` (which fails the run).
@Suite("rollout spec diagnostics")
struct SpecGoldenTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/spec")

    static func cases(_ folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func parse(_ folder: String, _ name: String) throws -> (RolloutSpec?, String) {
        let text = try String(contentsOf: fixtures.appendingPathComponent("\(folder)/\(name).yml"), encoding: .utf8)
        let (spec, diagnostics) = RolloutSpecParser.parse(text, path: "\(folder)/\(name).yml")
        return (spec, diagnostics.sortedByLocation().map(\.rendered).joined(separator: "\n"))
    }

    @Test("every bad spec is reported where the mistake is", arguments: cases("err"))
    func errors(name: String) throws {
        let (spec, actual) = try Self.parse("err", name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/spec/err/\(name).out")
            try (actual + "\n").write(to: source, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).out; unset RECORD_SNAPSHOTS to compare")
            return
        }
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("err/\(name).out"), encoding: .utf8)
        #expect(actual == expected.trimmingCharacters(in: .newlines))
        #expect(actual.contains(": error: "))
        #expect(spec == nil)
    }

    @Test("a good spec produces no diagnostics and a spec", arguments: cases("ok"))
    func clean(name: String) throws {
        let (spec, actual) = try Self.parse("ok", name)
        #expect(actual == "")
        #expect(spec != nil)
    }

    @Test("the example in docs/delivery.md is a valid spec")
    func documentedExample() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/delivery.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n# .gantry/services/web.yml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let example = String(text[start.lowerBound..<end.lowerBound].dropFirst("```yaml\n".count))
        let (spec, diagnostics) = RolloutSpecParser.parse(example, path: "docs/delivery.md")
        #expect(diagnostics.map(\.rendered) == [])
        let fixture = try String(
            contentsOf: Self.fixtures.appendingPathComponent("ok/web-canary-local.yml"), encoding: .utf8)
        #expect(
            example == fixture, "the documented example and Fixtures/spec/ok/web-canary-local.yml must stay the same")
        #expect(spec?.service == "web")
    }
}
