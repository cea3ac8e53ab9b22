import Testing

@testable import Workflows

@Suite("event selection")
struct EventMatcherTests {
    func workflow(_ on: String) -> Workflow {
        let text = "on:\n\(on)\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: 'true'\n"
        let (workflow, diagnostics) = WorkflowParser.parse(text, path: "w.yml")
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.rendered))")
        return workflow!
    }

    @Test("branch filters select by the current branch")
    func branches() {
        let w = workflow("  push:\n    branches: [main, 'release/**']")
        #expect(EventMatcher.matches(w, EventState(event: "push", ref: "refs/heads/main", changedFiles: nil)))
        #expect(EventMatcher.matches(w, EventState(event: "push", ref: "refs/heads/release/1/2", changedFiles: nil)))
        #expect(!EventMatcher.matches(w, EventState(event: "push", ref: "refs/heads/dev", changedFiles: nil)))
        #expect(!EventMatcher.matches(w, EventState(event: "pull_request", ref: "refs/heads/main", changedFiles: nil)))
    }

    @Test("a branch filter alone does not run on tags, and a tag filter alone does not run on branches")
    func tagsAndBranches() {
        let onlyTags = workflow("  push:\n    tags: ['v*']")
        #expect(EventMatcher.matches(onlyTags, EventState(event: "push", ref: "refs/tags/v1", changedFiles: nil)))
        #expect(!EventMatcher.matches(onlyTags, EventState(event: "push", ref: "refs/heads/main", changedFiles: nil)))
        let onlyBranches = workflow("  push:\n    branches: ['**']")
        #expect(!EventMatcher.matches(onlyBranches, EventState(event: "push", ref: "refs/tags/v1", changedFiles: nil)))
    }

    @Test("paths and paths-ignore look at the changed files")
    func paths() {
        let w = workflow("  push:\n    paths: ['src/**']")
        #expect(EventMatcher.matches(w, EventState(event: "push", ref: "refs/heads/main", changedFiles: ["src/a.swift"])))
        #expect(!EventMatcher.matches(w, EventState(event: "push", ref: "refs/heads/main", changedFiles: ["docs/a.md"])))
        let ignored = workflow("  push:\n    paths-ignore: ['docs/**']")
        #expect(!EventMatcher.matches(ignored, EventState(event: "push", ref: "refs/heads/main", changedFiles: ["docs/a.md"])))
        #expect(EventMatcher.matches(ignored, EventState(event: "push", ref: "refs/heads/main", changedFiles: ["docs/a.md", "b"])))
    }
}
