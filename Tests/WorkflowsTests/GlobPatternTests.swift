import Testing

@testable import Workflows

@Suite("filter patterns")
struct GlobPatternTests {
    @Test(
        "patterns match as GitHub's filter cheat sheet says",
        arguments: [
            ("feature/*", "feature/my-branch", true),
            ("feature/*", "feature/your/branch", false),
            ("feature/**", "feature/your/branch", true),
            ("main", "main", true),
            ("main", "main2", false),
            ("v[12].[0-9]+.[0-9]+", "v1.10.1", true),
            ("v[12].[0-9]+.[0-9]+", "v3.0.0", false),
            ("**.js", "app/index.js", true),
            ("*.js", "app/index.js", false),
            ("docs/**", "docs/a/b.md", true),
            ("**/README.md", "README.md", true),
            ("**/README.md", "a/b/README.md", true),
            ("releases/**-alpha", "releases/beta/3-alpha", true),
            ("*", "a/b", false),
            ("?at", "cat", true),
        ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(text) == expected)
    }

    @Test("a later negated pattern excludes what an earlier one included")
    func negation() {
        let list = PatternList(["releases/**", "!releases/**-alpha"])
        #expect(list.matches("releases/1"))
        #expect(!list.matches("releases/1-alpha"))
    }
}
