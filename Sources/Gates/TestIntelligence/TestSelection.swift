import Workflows

/// The tests to run for a change, and why.
public struct TestSelection: Sendable, Hashable, Codable {
    /// How much to run.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// Nothing: no file changed, or every changed file is mapped to no test on purpose.
        case none
        /// The tests in ``TestSelection/tests``.
        case some
        /// Everything: a changed file maps to no test, so no smaller selection is safe.
        case all
    }

    /// Where the tests of one changed file came from.
    public struct FileMapping: Sendable, Hashable, Codable {
        /// The changed file, relative to the repository root.
        public var file: String
        /// The tests it selects.
        public var tests: [String]
        /// `coverage` and the `tests.select[N]` rules that matched it; empty when nothing did.
        public var via: [String]
    }

    /// How much to run.
    public var mode: Mode
    /// The selected tests, sorted, when ``mode`` is ``Mode/some``; empty otherwise.
    public var tests: [String]
    /// Why, in one sentence.
    public var reason: String
    /// Every changed file, sorted.
    public var changedFiles: [String]
    /// The changed files that nothing maps, which make the selection ``Mode/all``.
    public var unmappedFiles: [String]
    /// Each changed file and its tests.
    public var mappings: [FileMapping]
}

/// Test selection: a pure function from the changed files, per-test coverage and the policy's path rules.
///
/// Each changed file selects the tests whose coverage includes it, and the tests of every `tests.select` rule whose
/// paths match it. A changed file that neither maps makes the selection "everything": a change is never answered
/// with zero tests by accident. No changed file at all is "nothing", said as such.
public enum TestSelector {
    /// The selection for `changedFiles` (relative to the repository root).
    public static func select(
        changedFiles: [String], coverage: CoverageMap?, rules: [TestIntelligencePolicy.SelectionRule]
    ) -> TestSelection {
        let changed = Array(Set(changedFiles)).sorted()
        guard !changed.isEmpty else {
            return TestSelection(
                mode: .none, tests: [], reason: "nothing to run: no file changed", changedFiles: [], unmappedFiles: [],
                mappings: [])
        }
        let patterns = rules.map { PatternList($0.paths) }
        let mappings = changed.map { file in
            var tests = Set<String>()
            var via: [String] = []
            if let covering = coverage?.tests(covering: file), !covering.isEmpty {
                tests.formUnion(covering)
                via.append("coverage")
            }
            for (index, rule) in rules.enumerated() where patterns[index].matches(file) {
                tests.formUnion(rule.tests)
                via.append("tests.select[\(index)]")
            }
            return TestSelection.FileMapping(file: file, tests: tests.sorted(), via: via)
        }
        let unmapped = mappings.filter(\.via.isEmpty).map(\.file)
        if !unmapped.isEmpty {
            let source =
                coverage == nil ? "no tests.select rule matches" : "no test covers it and no tests.select rule matches"
            let more = unmapped.count > 1 ? " (and \(unmapped.count - 1) more unmapped files)" : ""
            return TestSelection(
                mode: .all, tests: [],
                reason: "running everything: \"\(unmapped[0])\" maps to no test (\(source))\(more)",
                changedFiles: changed, unmappedFiles: unmapped, mappings: mappings)
        }
        let tests = Set(mappings.flatMap(\.tests)).sorted()
        guard !tests.isEmpty else {
            return TestSelection(
                mode: .none, tests: [],
                reason: "nothing to run: the policy maps every changed file (\(changed.count)) to no test",
                changedFiles: changed, unmappedFiles: [], mappings: mappings)
        }
        let files = changed.count == 1 ? "1 changed file" : "\(changed.count) changed files"
        return TestSelection(
            mode: .some, tests: tests,
            reason: "\(tests.count == 1 ? "1 test" : "\(tests.count) tests") selected for \(files)",
            changedFiles: changed,
            unmappedFiles: [], mappings: mappings)
    }
}
