import Foundation
import Gates
import Testing

@Suite("test selection")
struct TestSelectionTests {
    typealias Rule = TestIntelligencePolicy.SelectionRule

    static let rules = [
        Rule(paths: ["src/api/**"], tests: ["tests/api/**"]),
        Rule(paths: ["src/**", "!src/api/**"], tests: ["tests/unit/**"]),
        Rule(paths: ["docs/**", "*.md"], tests: []),
    ]
    static let coverage = CoverageMap(
        filesByTest: [
            "api::test_login": ["/repo/src/api/login.py", "/repo/src/shared/db.py"],
            "api::test_logout": ["./src/api/logout.py"],
            "cli::test_main": ["tools/cli.py"],
        ], repositoryRoot: "/repo")

    struct Case: Sendable, CustomTestStringConvertible {
        var changed: [String]
        var withCoverage: Bool
        var mode: TestSelection.Mode
        var tests: [String]
        var unmapped: [String] = []
        var testDescription: String { "\(changed) coverage=\(withCoverage)" }
    }

    static let cases: [Case] = [
        Case(changed: [], withCoverage: false, mode: .none, tests: []),
        Case(changed: ["src/api/login.py"], withCoverage: false, mode: .some, tests: ["tests/api/**"]),
        Case(
            changed: ["src/core/x.py", "src/api/a.py"], withCoverage: false, mode: .some,
            tests: ["tests/api/**", "tests/unit/**"]),
        Case(changed: ["README.md", "docs/guide.md"], withCoverage: false, mode: .none, tests: []),
        Case(
            changed: ["src/api/a.py", "Makefile"], withCoverage: false, mode: .all, tests: [], unmapped: ["Makefile"]),
        Case(
            changed: ["src/api/login.py"], withCoverage: true, mode: .some, tests: ["api::test_login", "tests/api/**"]),
        Case(changed: ["tools/cli.py"], withCoverage: true, mode: .some, tests: ["cli::test_main"]),
        Case(
            changed: ["tools/cli.py", "tools/new.py"], withCoverage: true, mode: .all, tests: [],
            unmapped: ["tools/new.py"]),
    ]

    @Test("coverage and path rules select tests; an unmapped change runs everything", arguments: cases)
    func table(_ row: Case) {
        let selection = TestSelector.select(
            changedFiles: row.changed, coverage: row.withCoverage ? Self.coverage : nil, rules: Self.rules)
        #expect(selection.mode == row.mode, "\(selection.reason)")
        #expect(selection.tests == row.tests)
        #expect(selection.unmappedFiles == row.unmapped)
        if row.mode == .all {
            #expect(selection.reason.hasPrefix("running everything: \"\(row.unmapped[0])\" maps to no test"))
        }
        if row.mode == .none { #expect(selection.reason.hasPrefix("nothing to run")) }
    }

    @Test("the policy's tests keys are read with positions; mistakes are diagnostics")
    func policy() {
        let text = """
            tests:
              reports: ["**/junit.xml"]
              auto-quarantine: {flaky-runs: 3}
              select:
                - paths: ["src/api/**"]
                  tests: tests/api
                - paths: docs/**
                  tests: []
            """
        let (policy, diagnostics) = TestIntelligencePolicy.parse(text, file: ".gantry/gates.yml")
        #expect(diagnostics.isEmpty)
        #expect(policy.autoQuarantineFlakyRuns == 3 && policy.autoQuarantineWindow == nil)
        #expect(policy.selectionRules.map(\.paths) == [["src/api/**"], ["docs/**"]])
        #expect(policy.selectionRules.map(\.tests) == [["tests/api"], []])
        #expect(policy.selectionRules[1].location.line == 7)

        let broken = """
            tests:
              auto-quarantine: {flaky-runs: 0, windw: 5}
              select:
                - paths: [src]
            """
        let rendered = TestIntelligencePolicy.parse(broken, file: "g.yml").1.map(\.rendered)
        let expected = [
            #"g.yml:2:33: error: "tests.auto-quarantine.flaky-runs" must be a whole number of at least 1"#,
            #"g.yml:2:36: error: unknown key "tests.auto-quarantine.windw"; expected "flaky-runs" or "window""#,
            #"g.yml:4:7: error: a "tests.select" entry must be a mapping with "paths" and "tests""#,
        ]
        #expect(rendered.sorted() == expected.map { $0 + " [gate-policy]" })
    }

    @Test("per-test lcov files: named by TN or file name, covering the files whose lines ran")
    func lcovDirectory() throws {
        let directory = NSTemporaryDirectory() + "gantry-coverage-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files = [
            "one.info": """
            TN:tests.test_cart::test_total
            SF:/repo/src/cart.py
            DA:1,1
            end_of_record
            SF:/repo/src/unused.py
            DA:1,0
            end_of_record

            """,
            "tests.test_price::test_tax.lcov": "SF:src/price.py\nDA:3,2\nend_of_record\n",
            "empty.info": "TN:tests.test_noop::test_nothing\n",
            "notes.txt": "not coverage",
        ]
        for (name, text) in files { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        let map = try CoverageMap.load(directory: directory, repositoryRoot: "/repo")
        #expect(
            map.testsByFile == [
                "src/cart.py": ["tests.test_cart::test_total"], "src/price.py": ["tests.test_price::test_tax"],
            ])
    }

    @Test(
        "the change is committed, staged, unstaged and untracked files, deleted ones included; a bad base is an error")
    func changeSet() throws {
        let root = NSTemporaryDirectory() + "gantry-changes-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let script = """
            git init -q -b main && printf a > a.txt && printf b > b.txt && printf c > c.txt && git add -A \
            && git -c user.name=t -c user.email=t@t commit -qm one && git checkout -q -b feature \
            && git rm -q b.txt && printf a2 > a.txt && git -c user.name=t -c user.email=t@t commit -qam two \
            && printf c2 > c.txt && printf n > 'new file.txt'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let change = try ChangeSet.since(base: "main", in: root)
        #expect(change.files == ["a.txt", "b.txt", "c.txt", "new file.txt"])
        let error = #expect(throws: ChangeSetError.self) { try ChangeSet.since(base: "origin/nope", in: root) }
        #expect(
            error?.description.hasPrefix(
                "git diff --name-only --no-renames origin/nope...HEAD failed (exit 128): fatal:") == true)
    }
}
