/// The command `gantry tests retry` runs, with its placeholders for the tests to re-run.
///
/// `{tests}` stands for the identifiers (`classname::name`) of the tests that failed, `{names}` for their names and
/// `{classes}` for their class names (each once). An argument that is exactly a placeholder becomes one argument per
/// test; a placeholder inside a longer argument, or with a separator (`{names: or }`, `{tests:,}`), becomes the
/// values joined by the separator (a space by default). On the first attempt there is no failed test yet: a
/// whole-argument placeholder is dropped and an embedded one becomes empty, so the command runs every test.
public struct RetryCommandLine: Sendable, Hashable {
    /// The command and its arguments, placeholders unexpanded.
    public var template: [String]

    /// A command line from its arguments.
    public init(_ template: [String]) {
        self.template = template
    }

    /// Whether the command names the tests to re-run; without a placeholder every re-run runs the whole command.
    public var hasPlaceholder: Bool {
        template.contains { argument in Self.kinds.contains { argument.contains("{\($0)") } }
    }

    /// The arguments for an attempt: `failing` is `nil` on the first attempt, else the tests to re-run.
    public func arguments(rerunning failing: [TestCaseResult]?) -> [String] {
        template.flatMap { argument -> [String] in
            for kind in Self.kinds where argument == "{\(kind)}" {
                return failing.map { Self.values(kind, of: $0) } ?? []
            }
            return [expand(argument, failing)]
        }
    }

    private static let kinds = ["tests", "names", "classes"]

    private func expand(_ argument: String, _ failing: [TestCaseResult]?) -> String {
        var result = ""
        var rest = Substring(argument)
        while let open = rest.firstIndex(of: "{") {
            let candidate = rest[open...]
            guard let close = candidate.firstIndex(of: "}"),
                let kind = Self.kinds.first(where: { candidate.hasPrefix("{\($0)}") || candidate.hasPrefix("{\($0):") })
            else {
                result += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            let body = candidate[candidate.index(after: open)..<close]
            let separator = body.count > kind.count ? String(body.dropFirst(kind.count + 1)) : " "
            result += rest[..<open]
            result += (failing.map { Self.values(kind, of: $0) } ?? []).joined(separator: separator)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func values(_ kind: String, of tests: [TestCaseResult]) -> [String] {
        var seen = Set<String>()
        return tests.compactMap { test in
            let value = kind == "tests" ? test.identifier : kind == "names" ? test.name : test.className
            return value.isEmpty || !seen.insert(value).inserted ? nil : value
        }
    }
}
