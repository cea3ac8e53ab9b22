import Testing
import Workflows

@testable import Lint

/// The rules that read `run:` scripts, one script at a time: which rule ids fire.
@Suite("shell rules")
struct ShellRuleTests {
    /// The lint rule ids found in a one-step workflow running `script` with `shell` (nil: the default).
    static func findings(_ script: String, shell: String? = nil, runsOn: String = "ubuntu-latest") -> [String] {
        let body = script.split(separator: "\n", omittingEmptySubsequences: false).map { "          " + $0 }.joined(
            separator: "\n")
        let text = """
            on: push
            jobs:
              job:
                runs-on: \(runsOn)
                steps:
                  - \(shell.map { "shell: \($0)\n        " } ?? "")run: |
            \(body)
            """
        let (workflow, diagnostics) = WorkflowParser.parse(text, path: "w.yml")
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return Linter.lintRules(workflow!).map(\.rule)
    }

    @Test(
        "a check's failure turned into success is reported",
        arguments: [
            ("npm test || true", nil), ("pytest -x || exit 0", nil), ("make lint || :", nil),
            ("npm test || echo \"No tests configured\"", nil), ("(cd web && npm test) || true", nil),
            ("npm test || { echo failed; }", nil), ("npx eslint .; true", "bash {0}"), ("npm audit || true", "sh"),
        ] as [(String, String?)])
    func swallowed(script: String, shell: String?) {
        #expect(Self.findings(script, shell: shell) == ["swallowed-failure"])
    }

    @Test(
        "checked, retried or harmless failures are not",
        arguments: [
            ("npm test || (echo failed; exit 1)", nil), ("npm test || echo failed && exit 1", nil),
            ("npm test || npm test", nil), ("npm ci || true", nil), ("npm test; true", nil),
            ("echo 'npm test || true'", nil),
            ("cat <<EOF\nnpm test || true\nEOF", nil), ("npm test || true", "pwsh"),
            ("if ! npm test; then exit 1; fi", nil),
            ("pytest --version || true", nil),
        ] as [(String, String?)])
    func notSwallowed(script: String, shell: String?) {
        #expect(Self.findings(script, shell: shell) == [])
    }

    @Test(
        "set +e without a later check is reported, with one it is not",
        arguments: [
            ("set +e\nnpm test\necho done", ["errexit-disabled"]), ("set +e\nnpm test", []),
            ("set +e\nnpm test\nrc=$?\nexit $rc", []), ("set +e\nnpm test\nset -e\necho done", ["errexit-disabled"]),
            ("set +e\ndocker rm -f db\necho done", []), ("set +e\ngo test ./... && echo ok\necho done", []),
        ])
    func errexit(script: String, expected: [String]) {
        #expect(Self.findings(script) == expected)
    }

    @Test(
        "a check piped without pipefail is reported where the shell lacks it",
        arguments: [
            ("npm test | tee log", nil, ["unchecked-pipe"]), ("npm test | tee log", "sh", ["unchecked-pipe"]),
            ("npm test | tee log", "bash", []), ("set -o pipefail\nnpm test | tee log", nil, []),
            ("set -euo pipefail\ncargo test 2>&1 | tee out", "sh", []),
            ("go test ./... | tee out; exit ${PIPESTATUS[0]}", nil, []),
            ("go test -json ./... | tparse", nil, []),
            ("go test -v ./... 2>&1 | go-junit-report > r.xml", nil, ["unchecked-pipe"]),
            ("go test -v ./... 2>&1 | go-junit-report -set-exit-code > r.xml", nil, []),
            ("cargo test | grep -q 'test result: ok'", nil, []),
            ("npm test | tee log &", nil, []), ("shellcheck *.sh | tee sc.log\ntest ! -s sc.log", nil, []),
            ("npm ci | tee log", nil, []), ("npm test | tee log", "bash -eo pipefail {0}", []),
        ] as [(String, String?, [String])])
    func pipes(script: String, shell: String?, expected: [String]) {
        #expect(Self.findings(script, shell: shell) == expected)
    }

    @Test(
        "scanners that cannot fail are reported",
        arguments: [
            ("trivy image app:1", ["scanner-exit-code"]), ("trivy fs --exit-code 0 .", ["scanner-exit-code"]),
            ("trivy image --exit-code 1 app:1", []), ("trivy image --format sarif -o t.sarif app", []),
            ("trivy --version", []), ("trivy image --download-db-only", []), ("grype dir:.", ["scanner-exit-code"]),
            ("grype dir:. --fail-on high", []), ("checkov -d . --soft-fail", ["scanner-exit-code"]),
            ("bandit -r src --exit-zero", ["scanner-exit-code"]),
            ("gitleaks detect --exit-code 0", ["scanner-exit-code"]),
            ("trufflehog git file://. --fail", []),
        ])
    func scanners(script: String, expected: [String]) {
        #expect(Self.findings(script) == expected)
    }

    @Test("findings point at the operator in the file")
    func location() throws {
        let text =
            "on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          npm ci\n          npm test || true\n"
        let (workflow, _) = WorkflowParser.parse(text, path: "w.yml")
        let parsed = try #require(workflow)
        let finding = try #require(Linter.lintRules(parsed).first)
        #expect(finding.location.description == "w.yml:8:20")
        #expect(finding.severity == .error)
    }
}
