import Testing

@testable import Lint

/// How scripts are split: each pipeline as its commands' words, `?` before a condition, `!` before a negated
/// pipeline, and the operator that follows it.
@Suite("shell script splitting")
struct ShellScriptTests {
    static func shape(_ text: String) -> [String] {
        ShellScript(text).pipelines.map { pipeline in
            let commands = pipeline.commands.map { $0.words.joined(separator: " ") }.joined(separator: " | ")
            let prefix = (pipeline.isCondition ? "?" : "") + (pipeline.isNegated ? "!" : "")
            return prefix + commands + (pipeline.connector.map { " " + $0 } ?? "")
        }
    }

    @Test(
        "operators, quotes, comments and expansions are told apart",
        arguments: [
            ("npm test || true", ["npm test ||", "true"]),
            ("echo \"a || b\" 'c; d' && ls", ["echo a || b c; d &&", "ls"]),
            ("npm test # || true", ["npm test"]),
            ("echo a#b; echo \"#\"", ["echo a#b ;", "echo #"]),
            ("npm \\\n  test || \\\n  true", ["npm test ||", "true"]),
            ("echo ${{ a || b }} | tee x", ["echo ${{ a || b }} | tee x"]),
            ("x=$(npm test || true); echo $x", ["x=$(npm test || true) ;", "echo $x"]),
            ("echo `a || b` ${x:-a|b}", ["echo `a || b` ${x:-a|b}"]),
            ("npm test 2>&1 | tee log", ["npm test | tee log"]),
            ("npm test &> log || true", ["npm test ||", "true"]),
            ("npm test >/dev/null 2>&1 &", ["npm test &"]),
            ("diff <(sort a) b || true", ["diff <(sort a) b ||", "true"]),
            ("npm test &&\n  npm run lint", ["npm test &&", "npm run lint"]),
            ("echo $'a\\'b' | cat", ["echo a\\'b | cat"]),
        ])
    func operators(script: String, expected: [String]) {
        #expect(Self.shape(script) == expected)
    }

    @Test(
        "here-documents are skipped, indented or not, quoted or not",
        arguments: [
            ("cat <<EOF\nnpm test || true\nEOF\necho done", ["cat", "echo done"]),
            ("cat > f <<-'END' && echo ok\n  a || b\n  END\nls", ["cat &&", "echo ok", "ls"]),
            ("python - <<\"PY\"\nprint('|')\nPY", ["python -"]),
            ("cat <<< \"a || b\" || true", ["cat ||", "true"]),
        ])
    func hereDocuments(script: String, expected: [String]) {
        #expect(Self.shape(script) == expected)
    }

    @Test(
        "compound commands mark conditions and keep their operators",
        arguments: [
            ("if npm test; then\n  echo ok\nfi", ["?npm test ;", "echo ok", "fi"]),
            ("while ! curl -f x; do sleep 1; done", ["?!curl -f x ;", "sleep 1 ;", "done"]),
            ("! npm test", ["!npm test"]),
            ("(cd a && npm test) || true", ["cd a &&", "npm test ||", "true"]),
            ("npm test || { echo failed; exit 1; }", ["npm test ||", "echo failed ;", "exit 1 ;", "}"]),
            ("f() { npm test; }\nf || true", ["npm test ;", "}", "f ||", "true"]),
            (
                "case \"$x\" in\n  a|b) npm test ;;\n  *) echo no ;;\nesac",
                ["case $x in", "npm test ;;", "echo no ;;", "esac"]
            ),
        ])
    func compound(script: String, expected: [String]) {
        #expect(Self.shape(script) == expected)
    }

    @Test(
        "unfinished quotes, escapes and here-documents end the script instead of failing",
        arguments: [
            "echo 'abc", "echo \"abc", "echo \\", "cat <<EOF\nnpm test || true", "x=$(npm test", "echo `abc\\",
            "echo ${{ a", "diff <(sort", "echo $'ab\\", "echo \"$(\\", "a | | b", ")) ;; fi }", "<<",
        ])
    func unfinished(script: String) {
        let parsed = ShellScript(script)
        #expect(parsed.pipelines.allSatisfy { !$0.commands.isEmpty })
        #expect(parsed.pipelines.count <= 3)
    }

    @Test("offsets point at the operator and convert to characters")
    func offsets() {
        let script = ShellScript("é=1 npm test || true")
        let pipeline = script.pipelines[0]
        #expect(pipeline.connectorOffset == 14)
        #expect(script.characterOffset(ofUTF8: 14) == 13)
        #expect(pipeline.commands[0].offset == 0)
    }

    @Test(
        "set commands change -e and pipefail",
        arguments: [
            (["set", "+e"], false, nil), (["set", "-euo", "pipefail"], true, true),
            (["set", "-o", "errexit"], true, nil),
            (["set", "+o", "pipefail"], nil, false), (["set", "-x"], nil, nil),
        ] as [([String], Bool?, Bool?)])
    func options(words: [String], errexit: Bool?, pipefail: Bool?) {
        let options = ShellOptions.ofSetCommand(words)
        #expect(options?.errexit == errexit)
        #expect(options?.pipefail == pipefail)
    }

    @Test(
        "shells are read as GitHub starts them",
        arguments: [
            (nil, false, true, true, false), ("bash", false, true, true, true), ("sh", false, true, true, false),
            ("bash {0}", false, true, false, false), ("bash -eo pipefail {0}", false, true, true, true),
            ("pwsh", false, false, false, false), (nil, true, false, true, false),
            ("python", false, false, false, false),
        ] as [(String?, Bool, Bool, Bool, Bool)])
    func dialects(shell: String?, windows: Bool, posix: Bool, errexit: Bool, pipefail: Bool) {
        let dialect = ShellDialect(shell: shell, windowsRunner: windows)
        #expect(dialect.isPOSIX == posix)
        #expect(dialect.errexit == errexit)
        #expect(dialect.pipefail == pipefail)
    }
}
