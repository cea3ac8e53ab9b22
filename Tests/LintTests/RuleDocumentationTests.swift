import Foundation
import Testing
import Workflows

@testable import Lint

/// `docs/rules.md` has one section per rule id, saying what it finds, why it matters and how to fix it.
@Suite("rule documentation")
struct RuleDocumentationTests {
    static let sections: [String: String] = {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/"
            && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("docs/rules.md").path)
        {
            directory.deleteLastPathComponent()
        }
        let text = (try? String(contentsOf: directory.appendingPathComponent("docs/rules.md"), encoding: .utf8)) ?? ""
        var sections: [String: String] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                current = String(line.dropFirst(3))
                sections[current!] = ""
            } else if let current {
                sections[current, default: ""] += line + "\n"
            }
        }
        return sections
    }()

    @Test("every rule gantry lint can report has its section", arguments: LintRules.descriptors.map(\.id))
    func section(id: String) throws {
        let section = try #require(Self.sections[id], "docs/rules.md has no \"## \(id)\" section")
        for part in ["**Severity:**", "**Finds:**", "**Why it matters:**", "**Fix:**"] {
            #expect(section.contains(part), "the \(id) section lacks \(part)")
        }
        let severity = try #require(LintRules.descriptor(for: id)?.severity.rawValue)
        #expect(section.contains("**Severity:** \(severity)"))
    }

    @Test("every validation rule of gantry run is described for lint output")
    func validationRules() {
        let described = Set(LintRules.descriptors.map(\.id))
        for rule in Rules.all {
            #expect(
                described.contains(type(of: rule).id), "\(type(of: rule).id) has no descriptor in LintRules.validation")
        }
    }

    @Test("rule ids are unique and every rationale is one sentence")
    func descriptors() {
        let ids = LintRules.descriptors.map(\.id)
        #expect(Set(ids).count == ids.count)
        for descriptor in LintRules.descriptors {
            #expect(descriptor.rationale.hasSuffix("."))
            #expect(!descriptor.rationale.contains("\n"))
        }
    }

    @Test("the corpus table lists every rule")
    func corpusTable() throws {
        let table = try #require(Self.sections["Findings on real workflows"])
        for id in LintRules.descriptors.map(\.id) where id != "workflow-path" {
            #expect(table.contains("| `\(id)` |"), "the corpus table has no row for \(id)")
        }
    }
}
