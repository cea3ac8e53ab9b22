import Foundation

/// `approvals:` — N distinct people, never the one who started the deploy, within a timeout.
public struct ApprovalRequirement: Sendable, Hashable, Codable {
    /// Distinct approvals needed.
    public var count: Int
    /// How long after the request approvals are accepted; then the deploy is denied.
    public var timeout: Duration
    /// Who may approve; empty means anyone but the deployer.
    public var approvers: [String]

    /// A requirement of `count` approvals within `timeout`.
    public init(count: Int, timeout: Duration = .seconds(24 * 3600), approvers: [String] = []) {
        self.count = count
        self.timeout = timeout
        self.approvers = approvers
    }

    /// Nil when enough valid approvals were given; otherwise a pending or denied finding naming who approved,
    /// who was not counted and why.
    public func check(approvals: [Approval], deployer: String, requestedAt: Date, at now: Date) -> PolicyFinding? {
        let deadline = requestedAt.addingTimeInterval(timeout.seconds)
        var valid: [String] = []
        var ignored: [String] = []
        for approval in approvals.sorted(by: { $0.at < $1.at }) {
            let name = approval.approver
            if valid.contains(where: { $0.lowercased() == name.lowercased() }) { continue }
            if name.lowercased() == deployer.lowercased() {
                ignored.append("\"\(name)\" started the deploy")
            } else if !approvers.isEmpty, !approvers.contains(where: { $0.lowercased() == name.lowercased() }) {
                ignored.append("\"\(name)\" is not an approver")
            } else if approval.at < requestedAt || approval.at > deadline {
                ignored.append("\"\(name)\" approved outside the approval window")
            } else {
                valid.append(name)
            }
        }
        if valid.count >= count { return nil }
        let have = valid.isEmpty ? "none" : valid.map { "\"\($0)\"" }.joined(separator: ", ")
        var message = "\(valid.count) of \(count) approvals (\(have))"
        if !ignored.isEmpty { message += "; not counted: \(ignored.joined(separator: ", "))" }
        if now > deadline {
            return PolicyFinding(
                check: .approvals, status: .denied,
                message: "approval timed out after \(DurationFormat.format(timeout)): \(message)")
        }
        return PolicyFinding(
            check: .approvals, status: .pending,
            message: "waiting for approvals: \(message); times out at \(ISO8601DateFormatter().string(from: deadline))")
    }
}

/// One person's approval of a deploy.
public struct Approval: Sendable, Hashable, Codable {
    /// Their user name.
    public var approver: String
    /// When they approved.
    public var at: Date

    /// An approval by `approver` at `at`.
    public init(approver: String, at: Date) {
        self.approver = approver
        self.at = at
    }
}
