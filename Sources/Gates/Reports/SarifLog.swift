/// How serious a SARIF result is, as SARIF 2.1.0 defines `level`.
public enum SarifLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case error, warning, note, none

    private var rank: Int {
        switch self {
        case .error: 3
        case .warning: 2
        case .note: 1
        case .none: 0
        }
    }

    public static func < (lhs: SarifLevel, rhs: SarifLevel) -> Bool { lhs.rank < rhs.rank }
}

/// One result of a static-analysis run: what rule found what, where.
public struct SarifFinding: Sendable, Hashable, Codable {
    /// The tool that reported it (`tool.driver.name`).
    public var tool: String
    /// `ruleId` (or the id of the rule at `ruleIndex`), when the result names one.
    public var ruleID: String?
    public var level: SarifLevel
    /// `message.text` (or `message.id` when there is no text).
    public var message: String
    /// The first location's `artifactLocation.uri`, without a `file://` scheme.
    public var uri: String?
    /// The first location's `region.startLine`.
    public var line: Int?

    public init(tool: String, ruleID: String?, level: SarifLevel, message: String, uri: String?, line: Int?) {
        self.tool = tool
        self.ruleID = ruleID
        self.level = level
        self.message = message
        self.uri = uri
        self.line = line
    }
}

/// The results of one SARIF file, every run together.
public struct SarifLog: Sendable, Hashable {
    /// The file it was read from.
    public var path: String
    /// The tools that ran (`runs[].tool.driver.name`), in order.
    public var tools: [String]
    /// Results that count: suppressed ones are left out.
    public var findings: [SarifFinding]
    /// How many results were suppressed in the source or by an accepted review (`suppressions`).
    public var suppressed: Int

    public init(path: String, tools: [String], findings: [SarifFinding], suppressed: Int = 0) {
        self.path = path
        self.tools = tools
        self.findings = findings
        self.suppressed = suppressed
    }

    /// The findings at `level`.
    public func findings(at level: SarifLevel) -> [SarifFinding] { findings.filter { $0.level == level } }
}
