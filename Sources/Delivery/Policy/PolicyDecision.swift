import Foundation

/// Whether a deploy may start now, and every reason that held it back.
public struct PolicyDecision: Sendable, Hashable, Codable {
    /// The overall answer.
    public enum Status: String, Sendable, Hashable, Codable, Comparable {
        /// Start now.
        case allowed
        /// Not yet: waiting for approvals, a wait timer or a health check result. Ask again later.
        case pending
        /// No: a freeze window, a branch rule, a failed health check, a rejected or timed-out approval.
        case denied

        private var rank: Int {
            switch self {
            case .allowed: 0
            case .pending: 1
            case .denied: 2
            }
        }

        /// Allowed, then pending, then denied: the worst finding decides.
        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    /// The answer after any break-glass override.
    public var status: Status
    /// Every check that did not allow the deploy, including those a break-glass override set aside.
    public var findings: [PolicyFinding]
    /// The override used, recorded with the decision.
    public var breakGlass: BreakGlass?

    /// A decision with the given findings.
    public init(status: Status, findings: [PolicyFinding], breakGlass: BreakGlass? = nil) {
        self.status = status
        self.findings = findings
        self.breakGlass = breakGlass
    }

    /// The earliest time a pending or denied deploy could be allowed, when known (freeze windows, wait timers).
    public var nextAllowedAt: Date? {
        findings.filter { !$0.overridden }.compactMap(\.nextAllowedAt).max()
    }

    /// One line per finding, for the CLI; `allowed` when there are none.
    public var message: String {
        guard !findings.isEmpty else { return "allowed" }
        return findings.map { $0.overridden ? "\($0.message) (overridden by break-glass)" : $0.message }
            .joined(separator: "\n")
    }
}

/// One check's answer.
public struct PolicyFinding: Sendable, Hashable, Codable {
    /// The kind of check.
    public enum Check: String, Sendable, Hashable, Codable {
        /// A freeze window.
        case freezeWindow
        /// The allowed branches.
        case branch
        /// Required approvals.
        case approvals
        /// The wait timer.
        case waitTimer
        /// Another environment's health.
        case environmentHealth
        /// A break-glass override without a reason.
        case breakGlass
    }

    /// Which check.
    public var check: Check
    /// What it said.
    public var status: PolicyDecision.Status
    /// Why, naming the window, branch, approvers or environment.
    public var message: String
    /// The window or environment it is about.
    public var subject: String?
    /// When the check would allow the deploy, if it can know.
    public var nextAllowedAt: Date?
    /// Whether a break-glass override set it aside.
    public var overridden: Bool

    /// A finding.
    public init(
        check: Check, status: PolicyDecision.Status, message: String, subject: String? = nil,
        nextAllowedAt: Date? = nil, overridden: Bool = false
    ) {
        self.check = check
        self.status = status
        self.message = message
        self.subject = subject
        self.nextAllowedAt = nextAllowedAt
        self.overridden = overridden
    }
}

/// `--break-glass --reason "..."`: deploy despite the policy, on the record.
public struct BreakGlass: Sendable, Hashable, Codable {
    /// Who overrode.
    public var by: String
    /// Why, as they wrote it; must not be empty.
    public var reason: String

    /// An override by `by` for `reason`.
    public init(by: String, reason: String) {
        self.by = by
        self.reason = reason
    }
}
