import Diagnostics
import Foundation
import Testing

@testable import Workflows

/// Golden files: each `Fixtures/err/<case>.yml` must produce exactly the diagnostics in `<case>.out`, and every
/// `Fixtures/ok/*.yml` must produce none. Re-record with `RECORD_SNAPSHOTS=1` (which fails the run on purpose).
@Suite("workflow diagnostics")
struct DiagnosticsGoldenTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func cases(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func diagnose(_ folder: String, _ name: String) throws -> String {
        let url = fixtures.appendingPathComponent("\(folder)/\(name).yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let (workflow, diagnostics) = WorkflowParser.parse(text, path: "\(folder)/\(name).yml")
        let all = diagnostics + (workflow.map(Rules.check) ?? [])
        return all.sortedByLocation().map(\.rendered).joined(separator: "\n")
    }

    @Test("every bad workflow is reported where the mistake is", arguments: cases("err"))
    func errors(name: String) throws {
        let actual = try Self.diagnose("err", name)
        let expectedURL = Self.fixtures.appendingPathComponent("err/\(name).out")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/err/\(name).out")
            try (actual + "\n").write(to: source, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).out; unset RECORD_SNAPSHOTS to compare")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected.trimmingCharacters(in: .newlines))
        #expect(!actual.isEmpty)
    }

    @Test("a good workflow produces no diagnostics", arguments: cases("ok"))
    func clean(name: String) throws {
        #expect(try Self.diagnose("ok", name) == "")
    }
}
