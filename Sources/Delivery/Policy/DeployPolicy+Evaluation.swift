import Foundation
import Workflows

extension DeployPolicy {
    /// Checks `request` against every rule at `now`. Denied wins over pending; a break-glass override with a
    /// reason turns pending and denied into allowed, keeping every finding marked as overridden.
    public func evaluate(_ request: DeployRequest, facts: PolicyFacts = PolicyFacts(), at now: Date) -> PolicyDecision {
        if request.kind.isAlwaysAllowed { return PolicyDecision(status: .allowed, findings: []) }
        var findings: [PolicyFinding] = []
        if !branches.isEmpty {
            if let branch = request.branch {
                if !PatternList(branches).matches(branch) {
                    findings.append(
                        PolicyFinding(
                            check: .branch, status: .denied,
                            message:
                                "branch \"\(branch)\" may not deploy here; allowed: "
                                + "\(branches.map { "\"\($0)\"" }.joined(separator: ", "))",
                            subject: branch))
                }
            } else {
                findings.append(
                    PolicyFinding(
                        check: .branch, status: .denied,
                        message: "the version's branch is unknown, and only some branches may deploy here"))
            }
        }
        findings += freeze.check(at: now).findings
        if let approvals,
            let finding = approvals.check(
                approvals: facts.approvals, deployer: request.deployer, requestedAt: request.requestedAt, at: now)
        {
            findings.append(finding)
        }
        if let waitTimer {
            let until = request.requestedAt.addingTimeInterval(waitTimer.seconds)
            if now < until {
                findings.append(
                    PolicyFinding(
                        check: .waitTimer, status: .pending,
                        message:
                            "wait timer of \(DurationFormat.format(waitTimer)) runs until "
                            + "\(ISO8601DateFormatter().string(from: until))",
                        nextAllowedAt: until))
            }
        }
        for requirement in requires {
            let health = facts.environmentHealth.first { $0.environment == requirement.environment }
            if let finding = requirement.check(health) { findings.append(finding) }
        }
        let status = findings.map(\.status).max() ?? .allowed
        guard status != .allowed, let breakGlass = request.breakGlass else {
            return PolicyDecision(status: status, findings: findings, breakGlass: request.breakGlass)
        }
        guard !breakGlass.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            findings.append(
                PolicyFinding(check: .breakGlass, status: .denied, message: "a break-glass override needs a reason"))
            return PolicyDecision(status: .denied, findings: findings)
        }
        for index in findings.indices { findings[index].overridden = true }
        return PolicyDecision(status: .allowed, findings: findings, breakGlass: breakGlass)
    }
}
