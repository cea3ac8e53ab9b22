import Diagnostics
import Testing

@testable import Workflows

@Suite("workflow parser")
struct ParserTests {
    func parse(_ text: String) -> (Workflow?, [Diagnostic]) {
        WorkflowParser.parse(text, path: "w.yml")
    }

    @Test("on: in its three forms gives the same events", arguments: [
        "on: push", "on: [push]", "on:\n  push:", "on:\n  push:\n    branches: [main]",
    ])
    func onForms(on: String) {
        let (workflow, diagnostics) = parse("\(on)\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: 'true'\n")
        #expect(diagnostics.isEmpty)
        #expect(workflow?.triggers.map(\.event) == ["push"])
    }

    @Test("jobs keep file order and needs keep their positions")
    func jobsInOrder() throws {
        let text = "on: push\njobs:\n  z:\n    runs-on: x\n    steps: [{run: a}]\n  a:\n    needs: [z]\n    runs-on: x\n    steps: [{run: b}]\n"
        let workflow = try #require(parse(text).0)
        #expect(workflow.jobs.map(\.id) == ["z", "a"])
        #expect(workflow.jobs[1].needs.first?.location == SourceLocation(file: "w.yml", line: 7, column: 13))
    }

    @Test("an expression error inside a block scalar points at its line and column")
    func blockScalarPosition() throws {
        let text = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          echo ok\n          echo ${{ nope.x }}\n"
        let (workflow, _) = parse(text)
        let diagnostics = Rules.check(try #require(workflow))
        #expect(diagnostics.first?.location == SourceLocation(file: "w.yml", line: 8, column: 20))
    }

    @Test("the name of a workflow without name: is its file name")
    func displayName() throws {
        let workflow = try #require(WorkflowParser.parse("on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: a}]\n", path: "dir/push.yml").0)
        #expect(workflow.displayName == "push.yml")
    }

    @Test("an if: without ${{ }} is an expression, and a status function is detected")
    func conditions() throws {
        let text = "on: push\njobs:\n  a:\n    if: always() && github.ref == 'x'\n    runs-on: x\n    steps: [{run: a, if: \"${{ success() }}\"}]\n"
        let workflow = try #require(parse(text).0)
        #expect(workflow.jobs[0].condition?.usesStatusFunction == true)
        #expect(workflow.jobs[0].steps[0].condition?.usesStatusFunction == true)
    }

    @Test("action metadata: composite steps, node entry points, inputs with defaults")
    func actions() throws {
        let composite = ActionParser.parse(
            "inputs:\n  who:\n    default: world\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n",
            path: "action.yml")
        #expect(composite.1.isEmpty)
        #expect(composite.0?.inputs.first?.defaultValue?.scalar?.text == "world")
        let node = ActionParser.parse("runs:\n  using: node20\n  main: dist/index.js\n  post: post.js\n", path: "action.yml")
        guard case .node(let using, let main, _, let post)? = node.0?.runs else {
            Issue.record("not a node action")
            return
        }
        #expect(using == "node20" && main == "dist/index.js" && post == "post.js")
        let bad = ActionParser.parse("runs:\n  using: java\n", path: "action.yml")
        #expect(bad.1.first?.message.contains("unknown \"runs.using\" value \"java\"") == true)
    }
}
