import Testing
import Workflows

@testable import Lint

@Suite("linter")
struct LinterTests {
    @Test("validation errors are lint findings too")
    func validation() throws {
        let (workflow, _) = WorkflowParser.parse(
            "on: push\njobs:\n  a:\n    needs: b\n    runs-on: x\n    steps: [{run: a}]\n", path: "w.yml")
        let findings = Linter.lint(try #require(workflow))
        #expect(findings.map(\.rule) == ["job-needs"])
    }

    @Test("validation and lint findings come together, validation first")
    func both() throws {
        let (workflow, _) = WorkflowParser.parse(
            "on: push\njobs:\n  a:\n    needs: b\n    runs-on: x\n    steps: [{run: npm test || true}]\n", path: "w.yml"
        )
        let findings = Linter.lint(try #require(workflow))
        #expect(findings.map(\.rule) == ["job-needs", "swallowed-failure"])
        #expect(Linter.lintRules(try #require(workflow)).map(\.rule) == ["swallowed-failure"])
    }

    @Test("every lint rule is registered once, with a lower-case id")
    func registration() {
        let ids = LintRules.all.map { type(of: $0).id }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(LintRules.all.allSatisfy { type(of: $0).severity == .error })
    }
}
