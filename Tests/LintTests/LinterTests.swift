import Testing
import Workflows

@testable import Lint

@Suite("linter")
struct LinterTests {
    @Test("validation errors are lint findings too")
    func validation() throws {
        let (workflow, _) = WorkflowParser.parse("on: push\njobs:\n  a:\n    needs: b\n    runs-on: x\n    steps: [{run: a}]\n", path: "w.yml")
        let findings = Linter.lint(try #require(workflow))
        #expect(findings.map(\.rule) == ["job-needs"])
    }
}
