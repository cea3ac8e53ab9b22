import AsyncHTTPClient
import Delivery
import Foundation
import Persistence

extension RolloutController {
    /// Evaluates the service's policy for a request.
    func evaluatePolicy(
        _ request: ApplyRequest, kind: DeployRequest.Kind, approvals: [Approval] = [], requestedAt: Date = Date()
    ) async -> PolicyDecision {
        let breakGlass = request.breakGlassReason.map { BreakGlass(by: request.by, reason: $0) }
        let deployRequest = DeployRequest(
            kind: kind, version: request.version, deployer: request.by, branch: request.branch,
            requestedAt: requestedAt,
            breakGlass: breakGlass)
        let facts = PolicyFacts(approvals: approvals, environmentHealth: await checkEnvironments())
        return spec.policy.evaluate(deployRequest, facts: facts, at: Date())
    }

    /// GETs each environment the policy requires to be healthy.
    func checkEnvironments() async -> [EnvironmentHealth] {
        var results: [EnvironmentHealth] = []
        for requirement in spec.policy.requires {
            do {
                let response = try await metrics.httpClient.execute(
                    HTTPClientRequest(url: requirement.url), timeout: .seconds(5))
                _ = try? await response.body.collect(upTo: 1 << 16)
                results.append(
                    EnvironmentHealth(environment: requirement.environment, status: Int(response.status.code)))
            } catch {
                results.append(EnvironmentHealth(environment: requirement.environment, status: nil, error: "\(error)"))
            }
        }
        return results
    }

    /// Called at start-up: the last fully promoted version serves 100% of traffic again, and a rollout that a crash
    /// interrupted is recorded as aborted by restart.
    public func reconcile() async throws {
        let promoted = try await store.lastPromotedVersion(service: spec.service, environment: spec.environment)
        service = ServiceState(stableVersion: promoted)
        for interrupted in try await store.unfinishedDeployments() where interrupted.service == spec.service {
            try await store.appendTransition(
                TransitionRecord(
                    deploymentID: interrupted.id, at: Date(), from: interrupted.state, to: "aborted by restart",
                    detail: #"{"event":"restartReconcile"}"#),
                outcome: .aborted, reason: "aborted by restart: gantry serve stopped while this rollout was under way")
            deployment = try await store.deployment(id: interrupted.id)
        }
        guard let promoted else { return }
        groupSequence += 1
        let group = ReplicaGroup(id: "stable-\(groupSequence)", version: promoted, role: .stable)
        groups = [.stable: group]
        let list = try await target.deploy(group, replicas: spec.replicas)
        // Traffic moves only to ready replicas: on a cluster the restored copy may be new.
        let deadline = ContinuousClock.now + startTimeout
        var ready = false
        while !ready && ContinuousClock.now < deadline {
            ready = (try? await target.readiness(group))?.isReady ?? false
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        await announce(group, list)
        // A target that routes itself keeps its current routing until the restored copy is ready: whatever it
        // routes to now is better than replicas that cannot answer. Gantry's own proxy starts empty, so it routes
        // to the stable replicas in any case.
        guard ready || !spec.target.routesTraffic else {
            FileHandle.standardError.write(
                Data(
                    "gantry serve: \(spec.service): \(promoted) was not ready within \(startTimeout); its routing is left as it was\n"
                        .utf8))
            return
        }
        await setWeights([.stable: 1000])
        // What a crashed predecessor left running on a cluster goes once the stable version serves again.
        if ready, let collector = target as? any OrphanCollecting {
            do {
                try await collector.removeGroups(except: [group])
            } catch {
                FileHandle.standardError.write(
                    Data(
                        "gantry serve: \(spec.service): could not remove what an earlier run left behind: \(error)\n"
                            .utf8))
            }
        }
    }

    /// Denies a deployment still waiting for approvals once the policy's approval timeout has passed.
    func expireApproval(of record: DeploymentRecord) {
        guard let timeout = spec.policy.approvals?.timeout else { return }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let remaining = record.startedAt.addingTimeInterval(seconds).timeIntervalSinceNow
        Task {
            try? await Task.sleep(for: .seconds(max(0, remaining)))
            guard awaitingApproval?.record.id == record.id else { return }
            awaitingApproval = nil
            await endWaiting(record, "not approved within \(timeout)")
        }
    }

    /// Ends a deployment that never started: it was not approved in time or another replaced it.
    func endWaiting(_ record: DeploymentRecord, _ why: String) async {
        let detail =
            (try? JSONSerialization.data(withJSONObject: ["event": "approvalEnded", "reason": why]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try? await store.appendTransition(
            TransitionRecord(deploymentID: record.id, at: Date(), from: record.state, to: "aborted", detail: detail),
            outcome: .aborted, reason: why)
        if deployment?.id == record.id { deployment = try? await store.deployment(id: record.id) }
    }

    /// Records an approval and starts a deployment waiting for it once the policy allows.
    public func approve(deploymentID: Int64, by approver: String) async throws -> PolicyDecision {
        guard let record = try await store.deployment(id: deploymentID), record.service == spec.service else {
            throw ControllerError("there is no deployment \(deploymentID) of \(spec.service)")
        }
        guard approver.lowercased() != record.startedBy.lowercased() else {
            throw ControllerError(
                "\(approver) started deployment \(deploymentID) and cannot approve it; another person must")
        }
        // The request as it was made (branch, break-glass), kept while it waits.
        guard let waiting = awaitingApproval, waiting.record.id == deploymentID else {
            throw ControllerError("deployment \(deploymentID) is not waiting for approval (it is \(record.state))")
        }
        try await store.addApproval(ApprovalRecord(deploymentID: deploymentID, approver: approver, at: Date()))
        let approvals = try await store.approvals(deploymentID: deploymentID).map {
            Approval(approver: $0.approver, at: $0.at)
        }
        let decision = await evaluatePolicy(
            waiting.request, kind: .deploy, approvals: approvals, requestedAt: record.startedAt)
        // Checked again after the awaits: of two approvals completing the count together, one starts it.
        if decision.status == .allowed, awaitingApproval?.record.id == deploymentID {
            awaitingApproval = nil
            await start(record)
        }
        return decision
    }
}

/// A deploy the policy does not allow now, with every finding and the next allowed time.
public struct PolicyRefusal: Error, CustomStringConvertible, Sendable {
    public var decision: PolicyDecision
    public var description: String { decision.message }
}
