import Diagnostics
import Foundation
import Testing

@testable import Lint

@Suite("output formats")
struct RendererTests {
    static let report = LintReport(
        files: ["ci yml/ci.yml", "b.yml"],
        diagnostics: [
            Diagnostic(
                .error, at: SourceLocation(file: "ci yml/ci.yml", line: 9, column: 23),
                "the failure of test command \"npm test\" is ignored", rule: "swallowed-failure",
                notes: [.init(location: SourceLocation(file: "ci yml/ci.yml", line: 3, column: 3), message: "job here")]
            ),
            Diagnostic(
                .warning, at: SourceLocation(file: "b.yml", line: 2, column: 1), "needs a container",
                rule: "host-runner"),
        ])

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("text is one finding per line, notes indented, and a summary")
    func text() {
        let lines = DiagnosticRenderer.text(Self.report).split(separator: "\n")
        #expect(
            lines.first
                == "ci yml/ci.yml:9:23: error: the failure of test command \"npm test\" is ignored [swallowed-failure]")
        #expect(lines[1] == "    ci yml/ci.yml:3:3: note: job here")
        #expect(DiagnosticRenderer.summary(Self.report) == "1 error, 1 warning, 0 notes in 2 workflow files")
    }

    @Test("json carries counts and every finding with its location")
    func json() throws {
        let object = try Self.object(DiagnosticRenderer.json(Self.report))
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        #expect(object["files"] as? Int == 2)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(findings[0]["rule"] as? String == "swallowed-failure")
        #expect(findings[0]["line"] as? Int == 9)
        #expect(findings[0]["column"] as? Int == 23)
        #expect(findings[0]["file"] as? String == "ci yml/ci.yml")
        #expect((findings[0]["notes"] as? [[String: Any]])?.first?["line"] as? Int == 3)
    }

    @Test("sarif has what GitHub code scanning requires")
    func sarif() throws {
        let log = try Self.object(DiagnosticRenderer.sarif(Self.report))
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasPrefix("https://") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "gantry")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == LintRules.descriptors.map(\.id))
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["helpUri"] as? String)?.hasSuffix("docs/rules.md#\(rule["id"] as! String)") == true)
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = results[0]
        #expect(first["ruleId"] as? String == "swallowed-failure")
        #expect(first["level"] as? String == "error")
        #expect(rules[first["ruleIndex"] as! Int]["id"] as? String == "swallowed-failure")
        #expect(
            (first["message"] as? [String: Any])?["text"] as? String
                == "the failure of test command \"npm test\" is ignored")
        let location = try #require(
            (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "ci%20yml/ci.yml")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 9)
        #expect((location["region"] as? [String: Any])?["startColumn"] as? Int == 23)
        #expect(results[1]["level"] as? String == "warning")
        #expect((first["relatedLocations"] as? [[String: Any]])?.count == 1)
    }
}
