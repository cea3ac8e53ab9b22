import Foundation
import Testing

@testable import Gates

@Suite("Changed files from git")
struct ChangedFilesTests {
    /// A repository whose `main` has two files and whose feature branch changes one, adds one and deletes one.
    static func repository() throws -> TemporaryRepository {
        let repository = try TemporaryRepository(files: [
            "src/cart.js": "one\n", "src/price.js": "two\n", "src/old.js": "old\n", "README.md": "# shop\n",
        ])
        try repository.initGit()
        try repository.shell(
            """
            git checkout -q -b feature && printf 'changed\\n' >> src/price.js && mkdir -p 'src/new dir' \
            && printf 'new\\n' > 'src/new dir/ünïcode.js' && git rm -q src/old.js && git add -A \
            && git -c user.name=t -c user.email=t@t commit -qm change
            """)
        return repository
    }

    @Test("the diff against the merge base lists changed and added files, not deleted ones, with odd names intact")
    func list() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        let changed = ChangedFiles.list(base: "main", in: repository.root)
        #expect(changed.problems.isEmpty)
        #expect(changed.items.sorted() == ["src/new dir/ünïcode.js", "src/price.js"])
        #expect(changed.sources == ["git diff --name-only main...HEAD"])
    }

    @Test("an unknown base is a problem with git's message, never an empty list")
    func unknownBase() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        let changed = ChangedFiles.list(base: "origin/main", in: repository.root)
        #expect(changed.items.isEmpty)
        let message = try #require(changed.problems.first?.message)
        #expect(message.hasPrefix("git diff --name-only origin/main...HEAD failed (exit 128): fatal:"), "\(message)")
    }

    @Test("changed-files coverage end to end: a real repository, a real lcov file, the real diff")
    func coverage() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        try repository.write(
            "coverage/lcov.info",
            """
            SF:\(repository.root)/src/cart.js
            DA:1,0
            LF:1
            LH:0
            end_of_record
            SF:src/price.js
            DA:1,1
            DA:2,0
            end_of_record

            """)
        let policy = try #require(
            GatePolicy.parse(
                "coverage:\n  report: coverage/lcov.info\n  changed-files: { base: main, min-lines: 50 }", file: "g.yml"
            ).0)
        let passing = policy.evaluate(EvidenceLoader.load(for: policy, root: repository.root))
        #expect(passing.passed)
        #expect(passing.rules[0].actual == "line coverage of 1 changed file 50% (1 of 2 lines)")

        let strict = try #require(
            GatePolicy.parse(
                "coverage:\n  report: coverage/lcov.info\n  changed-files: { base: main, min-lines: 51 }", file: "g.yml"
            ).0)
        let failing = strict.evaluate(EvidenceLoader.load(for: strict, root: repository.root))
        #expect(!failing.passed)
        #expect(failing.rules[0].evidence.map(\.description) == ["src/price.js: 50% (1 of 2 lines)"])
    }
}
