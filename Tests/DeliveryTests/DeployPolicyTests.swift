import Delivery
import Foundation
import Testing

@Suite("deploy policy")
struct DeployPolicyTests {
    static let requested = FreezeWindowTests.utc("2025-03-12T09:00:00Z")  // a Wednesday
    static let policy = DeployPolicy(
        branches: ["main", "release/*"], freeze: [FreezeWindowTests.fridayAfternoon],
        approvals: ApprovalRequirement(count: 2, timeout: .seconds(4 * 3600)), waitTimer: .seconds(600),
        requires: [EnvironmentRequirement(environment: "staging", url: "https://staging.example.com/healthz")])
    static let healthy = [EnvironmentHealth(environment: "staging", status: 200)]

    static func request(_ kind: DeployRequest.Kind = .deploy, branch: String? = "main", breakGlass: BreakGlass? = nil)
        -> DeployRequest
    {
        DeployRequest(
            kind: kind, version: "v2", deployer: "carol", branch: branch, requestedAt: requested, breakGlass: breakGlass
        )
    }

    static func approvals(_ names: String...) -> [Approval] {
        names.map { Approval(approver: $0, at: requested.addingTimeInterval(60)) }
    }

    @Test("two distinct approvers, a passed wait timer and a healthy staging allow a deploy")
    func allowed() {
        let facts = PolicyFacts(approvals: Self.approvals("alice", "bob"), environmentHealth: Self.healthy)
        let decision = Self.policy.evaluate(Self.request(), facts: facts, at: Self.requested.addingTimeInterval(700))
        #expect(decision.status == .allowed)
        #expect(decision.findings.isEmpty)
    }

    @Test("the deployer's own approval and repeated approvals do not count")
    func distinctApprovers() {
        let facts = PolicyFacts(approvals: Self.approvals("carol", "alice", "Alice"), environmentHealth: Self.healthy)
        let decision = Self.policy.evaluate(Self.request(), facts: facts, at: Self.requested.addingTimeInterval(700))
        #expect(decision.status == .pending)
        #expect(
            decision.message
                == "waiting for approvals: 1 of 2 approvals (\"alice\"); not counted: \"carol\" started the deploy; "
                + "times out at 2025-03-12T13:00:00Z"
        )
    }

    @Test("approvals time out")
    func approvalTimeout() {
        let facts = PolicyFacts(approvals: Self.approvals("alice"), environmentHealth: Self.healthy)
        let decision = Self.policy.evaluate(
            Self.request(), facts: facts, at: Self.requested.addingTimeInterval(5 * 3600))
        #expect(decision.status == .denied)
        #expect(decision.message == "approval timed out after 4h: 1 of 2 approvals (\"alice\")")
    }

    @Test("the wait timer holds a deploy until it has run")
    func waitTimer() {
        let facts = PolicyFacts(approvals: Self.approvals("alice", "bob"), environmentHealth: Self.healthy)
        let decision = Self.policy.evaluate(Self.request(), facts: facts, at: Self.requested.addingTimeInterval(60))
        #expect(decision.status == .pending)
        #expect(decision.nextAllowedAt == Self.requested.addingTimeInterval(600))
    }

    @Test(
        "only allowed branches deploy",
        arguments: [("main", true), ("release/1.4", true), ("feature/x", false), ("release/1.4/hotfix", false)]
    )
    func branches(branch: String, allowed: Bool) {
        let facts = PolicyFacts(approvals: Self.approvals("alice", "bob"), environmentHealth: Self.healthy)
        let decision = Self.policy.evaluate(
            Self.request(branch: branch), facts: facts, at: Self.requested.addingTimeInterval(700))
        #expect((decision.status == .allowed) == allowed)
    }

    @Test("an unhealthy or unchecked environment holds the deploy")
    func environmentHealth() {
        let at = Self.requested.addingTimeInterval(700)
        let approvals = Self.approvals("alice", "bob")
        let unhealthy = Self.policy.evaluate(
            Self.request(),
            facts: PolicyFacts(
                approvals: approvals, environmentHealth: [EnvironmentHealth(environment: "staging", status: 503)]),
            at: at)
        #expect(unhealthy.status == .denied)
        #expect(
            unhealthy.message
                == "environment \"staging\" is unhealthy: GET https://staging.example.com/healthz answered 503, "
                + "expected 200"
        )
        let unchecked = Self.policy.evaluate(Self.request(), facts: PolicyFacts(approvals: approvals), at: at)
        #expect(unchecked.status == .pending)
    }

    @Test("a freeze window denies a deploy but never a rollback, undo or abort")
    func rollbacksAlwaysAllowed() {
        let friday = FreezeWindowTests.utc("2025-03-14T15:00:00Z")
        let deploy = Self.policy.evaluate(
            Self.request(),
            facts: PolicyFacts(approvals: Self.approvals("alice", "bob"), environmentHealth: Self.healthy), at: friday)
        #expect(deploy.status == .denied)
        #expect(deploy.findings.map(\.check) == [.freezeWindow])
        for kind in [DeployRequest.Kind.rollback, .undo, .abort] {
            #expect(Self.policy.evaluate(Self.request(kind, branch: nil), at: friday).status == .allowed)
        }
    }

    @Test("break-glass overrides every finding, keeps them on the record, and needs a reason")
    func breakGlass() {
        let friday = FreezeWindowTests.utc("2025-03-14T15:00:00Z")
        let override = BreakGlass(by: "carol", reason: "payment outage, fix in 1.4.3")
        let decision = Self.policy.evaluate(Self.request(breakGlass: override), at: friday)
        #expect(decision.status == .allowed)
        #expect(decision.breakGlass == override)
        #expect(decision.findings.map(\.check) == [.freezeWindow, .approvals, .environmentHealth])
        #expect(decision.findings.allSatisfy { $0.overridden })
        #expect(decision.message.contains("(overridden by break-glass)"))
        let noReason = Self.policy.evaluate(Self.request(breakGlass: BreakGlass(by: "carol", reason: "  ")), at: friday)
        #expect(noReason.status == .denied)
        #expect(noReason.findings.last?.message == "a break-glass override needs a reason")
    }
}
