/// The decision of a gate: every rule with its verdict and evidence, and the failures quarantine forgave.
public struct GateResult: Sendable, Hashable, Codable {
    /// The policy file.
    public var policy: String
    /// True when every rule passed.
    public var passed: Bool
    public var rules: [RuleResult]
    /// Failed or errored tests that did not fail the gate because they are quarantined.
    public var forgiven: [ForgivenFailure]

    public init(policy: String, rules: [RuleResult], forgiven: [ForgivenFailure]) {
        self.policy = policy
        self.passed = !rules.isEmpty && rules.allSatisfy(\.passed)
        self.rules = rules
        self.forgiven = forgiven
    }

    /// The rules that failed.
    public var failures: [RuleResult] { rules.filter { !$0.passed } }
}

/// One threshold checked against the evidence.
public struct RuleResult: Sendable, Hashable, Codable {
    /// `tests.max-failed`, `coverage.min-lines`, `coverage.changed-files.min-lines`, `sarif.max.error`,
    /// `metrics.<name>`.
    public var id: String
    public var passed: Bool
    /// What was found: "2 tests failed", "line coverage 76.4% (382 of 500 lines)"; or why nothing was found.
    public var actual: String
    /// The threshold: "at most 0", "at least 80%".
    public var expected: String
    /// Where the threshold is written, `path:line:column`.
    public var policyLocation: String
    /// What the verdict rests on: failed tests, findings, files below the minimum, unreadable files.
    public var evidence: [EvidenceItem]

    public init(
        id: String, passed: Bool, actual: String, expected: String, policyLocation: String,
        evidence: [EvidenceItem] = []
    ) {
        self.id = id
        self.passed = passed
        self.actual = actual
        self.expected = expected
        self.policyLocation = policyLocation
        self.evidence = evidence
    }

    /// `2 tests failed; expected at most 0`.
    public var summary: String { "\(actual); expected \(expected)" }

    /// The evidence worth printing under the summary: a lone problem that `actual` already quotes is left out.
    public var shownEvidence: [EvidenceItem] {
        evidence.count == 1 && actual.hasSuffix(": " + evidence[0].description) ? [] : evidence
    }
}

/// One piece of evidence behind a verdict: a test, a finding, a file.
public struct EvidenceItem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    /// The test identifier, the SARIF rule id, or nil.
    public var subject: String?
    public var message: String?

    public init(file: String? = nil, line: Int? = nil, subject: String? = nil, message: String? = nil) {
        self.file = file
        self.line = line
        self.subject = subject
        self.message = message
    }

    /// `file:line subject: message`, leaving out what is not known.
    public var description: String {
        var head = file.map { $0 + (line.map { ":\($0)" } ?? "") } ?? ""
        if let subject { head += (head.isEmpty ? "" : " ") + subject }
        guard let message, !message.isEmpty else { return head }
        return head.isEmpty ? message : head + ": " + message
    }
}

/// A quarantined test that failed: it ran and is reported, but did not fail the gate.
public struct ForgivenFailure: Sendable, Hashable, Codable {
    public var test: TestCaseResult
    /// The JUnit file it is in.
    public var report: String

    public init(test: TestCaseResult, report: String) {
        self.test = test
        self.report = report
    }
}
