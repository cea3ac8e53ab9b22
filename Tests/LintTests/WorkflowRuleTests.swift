import Testing
import Workflows

@testable import Lint

/// The rules that read jobs, conditions and values, on small workflows beside the golden files.
@Suite("workflow rules")
struct WorkflowRuleTests {
    static func findings(_ text: String) -> [String] {
        let (workflow, diagnostics) = WorkflowParser.parse(text, path: "w.yml")
        precondition(!diagnostics.hasErrors, "\(diagnostics)")
        return Linter.lintRules(workflow!).map(\.rule)
    }

    static func job(if condition: String, id: String = "deploy", run: String = "kubectl apply -f k8s") -> String {
        """
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps: [{run: npm test}]
          \(id):
            needs: test
            if: \(condition)
            runs-on: ubuntu-latest
            steps: [{run: \(run)}]
        """
    }

    @Test(
        "a deploy that runs whatever its needs did is reported",
        arguments: [
            ("always()", "deploy", "make"), ("${{ !cancelled() }}", "ship", "kubectl apply -f k8s"),
            ("always() && github.ref == 'refs/heads/main'", "publish-docs", "make"),
        ])
    func alwaysDeploy(condition: String, id: String, run: String) {
        #expect(Self.findings(Self.job(if: condition, id: id, run: run)) == ["always-deploy"])
    }

    @Test(
        "a deploy that asks how its needs ended, or a job that deploys nothing, is not",
        arguments: [
            ("always() && needs.test.result == 'success'", "deploy", "make"), ("success()", "deploy", "make"),
            ("always()", "notify", "echo done"), ("\"!always()\"", "deploy", "make"),
        ])
    func notAlwaysDeploy(condition: String, id: String, run: String) {
        #expect(Self.findings(Self.job(if: condition, id: id, run: run)) == [])
    }

    static func run(_ script: String, on event: String = "issues") -> String {
        "on: \(event)\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          \(script)\n"
    }

    @Test(
        "text an outsider writes, pasted into a script, is reported",
        arguments: [
            "echo \"${{ github.event.issue.body }}\"", "echo '${{ toJSON(github.event) }}'",
            "echo ${{ github.event.commits[0].message }}",
            "git push origin HEAD:${{ github.event.pull_request.head.ref }}",
            "echo ${{ github.event.workflow_run.head_branch }}",
        ])
    func injection(script: String) {
        #expect(Self.findings(Self.run(script)) == ["script-injection"])
    }

    @Test(
        "numbers, hashes and names an outsider cannot choose are not",
        arguments: [
            "echo ${{ github.event.issue.number }}", "git checkout ${{ github.event.pull_request.head.sha }}",
            "echo ${{ github.ref_name }} ${{ github.event.repository.name }}", "echo \"$TITLE\"",
            "echo ${{ github.event.pull_request.base.ref }}",
        ])
    func noInjection(script: String) {
        #expect(Self.findings(Self.run(script)) == [])
    }

    @Test("fetching the pull request's code in pull_request_target is reported")
    func prHeadFetch() {
        #expect(
            Self.findings(Self.run("gh pr checkout ${{ github.event.number }}", on: "pull_request_target")) == [
                "untrusted-checkout"
            ])
        #expect(
            Self.findings(Self.run("git fetch origin pull/${{ github.event.number }}/head", on: "pull_request_target"))
                == ["untrusted-checkout"])
        #expect(Self.findings(Self.run("gh pr checkout ${{ github.event.number }}", on: "pull_request")) == [])
    }

    @Test(
        "credentials with a known shape are reported anywhere, placeholders are not",
        arguments: [
            ("echo -----BEGIN OPENSSH PRIVATE KEY----- > key", ["hardcoded-secret"]),
            ("curl -H 'Authorization: token ghp_R8kq2Lm9Zt4Vx7Nc3Pw6Yh1Jd5Fs0Gb2Ae4Q' api", ["hardcoded-secret"]),
            ("curl https://hooks.slack.com/services/T0GANTRY1/B0FIXTURE/abcDEF123ghiJKL456mno", ["hardcoded-secret"]),
            ("echo ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", []), ("echo -----BEGIN PUBLIC KEY-----", []),
            ("echo AKIAIOSFODNN7EXAMPLE", []),
        ])
    func secrets(script: String, expected: [String]) {
        #expect(Self.findings(Self.run(script, on: "push")) == expected)
    }

    @Test("a status job that covers most checks but not all is reported; a chosen few is not")
    func statusJob() {
        func workflow(needs: String, extra: String = "") -> String {
            var text = "on: push\njobs:\n"
            for check in ["lint", "unit", "e2e", "audit"] {
                text +=
                    "  \(check):\n    runs-on: ubuntu-latest\n    steps: [{run: make \(check == "unit" ? "test" : check)}]\n"
            }
            text += extra
            text += "  status:\n    if: always()\n    needs: [\(needs)]\n    runs-on: ubuntu-latest\n"
            text += "    steps: [{run: exit 1, if: \"contains(needs.*.result, 'failure')\"}]\n"
            return text
        }
        #expect(Self.findings(workflow(needs: "lint, unit, e2e")) == ["status-check-needs"])
        #expect(Self.findings(workflow(needs: "lint, unit, e2e, audit")) == [])
        #expect(Self.findings(workflow(needs: "lint, unit")) == [])
        #expect(
            Self.findings(
                workflow(
                    needs: "lint, unit, gate",
                    extra: "  gate:\n    needs: [e2e, audit]\n    runs-on: x\n    steps: [{run: echo}]\n")) == [])
    }
}
