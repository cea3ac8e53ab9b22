/// Why some evidence is missing or could not be read: "no file matched reports/**/*.xml", or a `ReportError`.
public struct EvidenceProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file it is about, when there is one.
    public var path: String?
    public var line: Int?
    public var message: String

    public init(path: String? = nil, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public init(_ error: ReportError) {
        self.init(path: error.path, line: error.line, message: error.message)
    }

    /// `path:line: message`, or the message alone.
    public var description: String {
        guard let path else { return message }
        return path + (line.map { ":\($0)" } ?? "") + ": " + message
    }
}

/// What was read for one kind of evidence: the items, the files they came from, and what could not be read.
///
/// A rule fails when its evidence has problems or no sources: a gate never passes for lack of input.
public struct Evidence<Item: Sendable>: Sendable {
    /// What was read: reports, logs, changed paths or a metric value.
    public var items: [Item]
    /// The files (or commands) read; empty means nothing was looked for.
    public var sources: [String]
    public var problems: [EvidenceProblem]

    public init(items: [Item] = [], sources: [String] = [], problems: [EvidenceProblem] = []) {
        self.items = items
        self.sources = sources
        self.problems = problems
    }

    /// Evidence that was looked for and not found.
    public static func missing(_ message: String) -> Evidence {
        Evidence(problems: [EvidenceProblem(message: message)])
    }

    /// Why rules over this evidence cannot be decided, or nil when they can.
    var unusable: (message: String, problems: [EvidenceProblem])? {
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            let prefix = items.isEmpty ? "no evidence" : "incomplete evidence"
            return ("\(prefix): \(first)\(more)", problems)
        }
        if sources.isEmpty { return ("no evidence: nothing was read", []) }
        return nil
    }
}

/// Everything a policy is evaluated against, loaded beforehand (see ``EvidenceLoader``).
public struct GateEvidence: Sendable {
    public var tests: Evidence<TestReport>
    public var coverage: Evidence<CoverageReport>
    /// Repository-relative paths of the files the change touches, for `coverage.changed-files`.
    public var changedFiles: Evidence<String>
    public var sarif: Evidence<SarifLog>
    /// One per item of the policy's `metrics`, in order.
    public var metrics: [Evidence<Double>]
    /// The repository root, to match absolute paths in coverage reports with changed files.
    public var root: String?

    public init(
        tests: Evidence<TestReport> = .init(), coverage: Evidence<CoverageReport> = .init(),
        changedFiles: Evidence<String> = .init(), sarif: Evidence<SarifLog> = .init(), metrics: [Evidence<Double>] = [],
        root: String? = nil
    ) {
        self.tests = tests
        self.coverage = coverage
        self.changedFiles = changedFiles
        self.sarif = sarif
        self.metrics = metrics
        self.root = root
    }
}
