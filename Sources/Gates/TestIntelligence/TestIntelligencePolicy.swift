import Diagnostics
import Foundation
import Workflows

/// The parts of `.gantry/gates.yml` that `gantry tests` reads: `tests.auto-quarantine` and `tests.select`.
///
/// ```yaml
/// tests:
///   auto-quarantine: {flaky-runs: 3, window: 50}
///   select:
///     - paths: ["src/api/**"]
///       tests: ["tests/api/**"]
/// ```
/// The other keys of the file belong to the gate policy and are left to its parser.
public struct TestIntelligencePolicy: Sendable, Hashable {
    /// One `tests.select` entry: changes to files matching `paths` select `tests`.
    public struct SelectionRule: Sendable, Hashable {
        /// GitHub-style glob patterns of changed files (`!` excludes), relative to the repository root.
        public var paths: [String]
        /// What to run when one of them changes: test files, globs or identifiers, printed as given. An empty list
        /// says, on purpose, that those files need no test.
        public var tests: [String]
        /// Where the entry is, for messages.
        public var location: SourceLocation

        /// Creates a rule.
        public init(
            paths: [String], tests: [String], location: SourceLocation = SourceLocation(file: "", line: 1, column: 1)
        ) {
            self.paths = paths
            self.tests = tests
            self.location = location
        }
    }

    /// The rule id of the diagnostics about these keys: the policy file's.
    public static let rule = "gate-policy"

    /// `tests.auto-quarantine.flaky-runs`: quarantine a test flaky in this many of its latest runs; `nil` is off.
    public var autoQuarantineFlakyRuns: Int?
    /// `tests.auto-quarantine.window`: how many latest runs are looked at; `nil` is the flaky analysis default.
    public var autoQuarantineWindow: Int?
    /// `tests.select`, in order.
    public var selectionRules: [SelectionRule]

    /// Creates a policy.
    public init(
        autoQuarantineFlakyRuns: Int? = nil, autoQuarantineWindow: Int? = nil, selectionRules: [SelectionRule] = []
    ) {
        self.autoQuarantineFlakyRuns = autoQuarantineFlakyRuns
        self.autoQuarantineWindow = autoQuarantineWindow
        self.selectionRules = selectionRules
    }

    /// Reads the policy file at `path`; a missing file is an empty policy.
    public static func load(path: String) -> (TestIntelligencePolicy, [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: path) else { return (TestIntelligencePolicy(), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            let location = SourceLocation(file: path, line: 1, column: 1)
            return (
                TestIntelligencePolicy(), [Diagnostic(.error, at: location, "cannot read the policy file", rule: rule)]
            )
        }
        return parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses the `tests.auto-quarantine` and `tests.select` keys of a policy file, with every mistake in them.
    public static func parse(_ text: String, file: String) -> (TestIntelligencePolicy, [Diagnostic]) {
        let (root, syntax) = YAMLReader.read(text, file: file)
        var policy = TestIntelligencePolicy()
        guard let tests = root?["tests"], !syntax.hasErrors else { return (policy, syntax) }
        var diagnostics = syntax
        func error(_ value: YAMLValue, _ message: String) {
            diagnostics.append(Diagnostic(.error, at: value.location, message, rule: rule))
        }
        if let quarantine = tests["auto-quarantine"], !quarantine.isNull {
            if quarantine.entries == nil {
                error(quarantine, "\"tests.auto-quarantine\" must be a mapping, found \(quarantine.kindDescription)")
            }
            for entry in quarantine.entries ?? [] {
                let what = "\"tests.auto-quarantine.\(entry.key.text)\""
                guard ["flaky-runs", "window"].contains(entry.key.text) else {
                    error(.scalar(entry.key), "unknown key \(what); expected \"flaky-runs\" or \"window\"")
                    continue
                }
                guard let number = entry.value.scalar.flatMap({ Int($0.text) }), number >= 1 else {
                    error(entry.value, "\(what) must be a whole number of at least 1")
                    continue
                }
                if entry.key.text == "window" {
                    policy.autoQuarantineWindow = number
                } else {
                    policy.autoQuarantineFlakyRuns = number
                }
            }
        }
        if let select = tests["select"], !select.isNull {
            if select.items == nil {
                error(select, "\"tests.select\" must be a list of {paths, tests}, found \(select.kindDescription)")
            }
            for item in select.items ?? [] {
                guard item.entries != nil, let paths = item["paths"], let selected = item["tests"] else {
                    error(item, "a \"tests.select\" entry must be a mapping with \"paths\" and \"tests\"")
                    continue
                }
                for key in item.entries ?? [] where !["paths", "tests"].contains(key.key.text) {
                    error(
                        .scalar(key.key),
                        "unknown key \"\(key.key.text)\" in a \"tests.select\" entry; expected \"paths\" or \"tests\"")
                }
                guard let pathList = strings(paths), let testList = strings(selected) else {
                    error(
                        item, "\"paths\" and \"tests\" of a \"tests.select\" entry must be strings or lists of strings")
                    continue
                }
                if pathList.isEmpty {
                    error(paths, "\"paths\" of a \"tests.select\" entry must name at least one pattern")
                }
                policy.selectionRules.append(SelectionRule(paths: pathList, tests: testList, location: item.location))
            }
        }
        return (policy, diagnostics)
    }

    private static func strings(_ value: YAMLValue) -> [String]? {
        if let scalar = value.scalar { return [scalar.text] }
        guard let items = value.items else { return nil }
        let texts = items.compactMap { $0.scalar?.text }
        return texts.count == items.count ? texts : nil
    }
}
