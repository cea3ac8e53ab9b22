import Delivery
import Foundation
import Persistence

extension RolloutController {
    /// Carries out one action. Records are written before anything they describe happens; weights moving traffic
    /// away from a canary are retried until they succeed, because an abort must never be lost.
    func perform(_ action: RolloutAction) async {
        switch action {
        case .record(let transition):
            await record(transition)
        case .startReplicas(let version, let role, let count):
            startReplicas(role: role, count: count) { try await self.target.deploy(version: version, role: role, replicas: count) }
        case .scaleReplicas(let role, let count):
            startReplicas(role: role, count: count) { try await self.target.scale(role: role, replicas: count) }
        case .setWeights(let weights):
            await setWeights(weights)
        case .stopReplicas(let role, let delay):
            // A stop is detached from the rollout: a delayed scale-down must happen even if another starts.
            Task {
                if delay > .zero { try? await Task.sleep(for: delay) }
                await self.announce(role, [])
                for attempt in 0..<5 {
                    do {
                        try await self.target.stop(role: role)
                        return
                    } catch {
                        try? await Task.sleep(for: .milliseconds(200 << attempt))
                    }
                }
            }
        case .relabel(let role, let newRole):
            try? await target.relabel(role: role, as: newRole)
            // The proxy routes by role, so the replicas move to the new role's backend group at once.
            await announce(newRole, endpoints[role] ?? [])
            await announce(role, [])
        case .startTimer(let id, let duration):
            timers[id]?.cancel()
            timers[id] = Task {
                try? await Task.sleep(for: duration)
                guard !Task.isCancelled else { return }
                await self.dispatch(.timerFired(id))
            }
        case .cancelTimer(let id):
            timers.removeValue(forKey: id)?.cancel()
        case .startAnalysis(let id, let role):
            analyses[id]?.cancel()
            analyses[id] = Task { await self.runAnalysis(id, role: role) }
        case .stopAnalysis(let id):
            analyses.removeValue(forKey: id)?.cancel()
        case .finish(let outcome, _):
            finish(outcome)
        }
    }

    /// Tells the proxy where `role`'s replicas are, and remembers it for a later relabel.
    func announce(_ role: ReplicaRole, _ list: [ReplicaEndpoint]) async {
        endpoints[role] = list
        await publish(role, list)
    }

    func record(_ transition: RolloutTransition) async {
        guard let id = deployment?.id else { return }
        let status = transition.status
        let detail: [String: String] = [
            "event": transition.event, "weights": Self.describe(status.weights), "message": status.message,
            "reason": transition.reason ?? "", "evidence": transition.evidence?.message ?? "",
        ]
        let json = (try? String(decoding: JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), as: UTF8.self)) ?? "{}"
        let outcome = status.outcome.map(Self.outcome)
        let state = Self.state(of: status)
        try? await store.appendTransition(
            TransitionRecord(deploymentID: id, at: Date(), from: transition.from.rawValue, to: state, detail: json),
            outcome: outcome, reason: outcome == nil ? nil : (transition.reason ?? status.message))
        deployment?.state = state
        if let outcome {
            deployment?.outcome = outcome
            deployment?.reason = transition.reason ?? status.message
            deployment?.finishedAt = Date()
        }
    }

    /// Starts or rescales replicas in the background, waits until all are ready (or the start timeout passes),
    /// tells the proxy where they are, then feeds `replicasReady` or `replicasFailed` back.
    func startReplicas(role: ReplicaRole, count: Int, _ operation: @escaping @Sendable () async throws -> [ReplicaEndpoint]) {
        let timeout = startTimeout
        Task {
            do {
                let endpoints = try await operation()
                let deadline = ContinuousClock.now + timeout
                while true {
                    let readiness = try await self.target.readiness(role: role)
                    if readiness.isReady || (count == 0 && readiness.replicas == 0) { break }
                    if ContinuousClock.now > deadline {
                        let why = readiness.messages.first ?? "\(readiness.ready) of \(readiness.replicas) ready"
                        await self.dispatch(.replicasFailed(role, reason: "\(role) replicas not ready after \(timeout): \(why)"))
                        return
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
                await self.announce(role, endpoints)
                await self.dispatch(.replicasReady(role))
            } catch {
                await self.dispatch(.replicasFailed(role, reason: "\(error)"))
            }
        }
    }

    var startTimeout: Duration {
        if case .local(let local) = spec.target { return local.readiness.startTimeout }
        return .seconds(300)
    }

    func setWeights(_ weights: [ReplicaRole: Int]) async {
        let retreat = (weights[.canary] ?? 0) == 0
        for attempt in 0..<(retreat ? 50 : 3) {
            do {
                try await router.setWeights(weights)
                return
            } catch {
                try? await Task.sleep(for: .milliseconds(min(1000, 20 << attempt)))
            }
        }
    }

    func finish(_ outcome: RolloutOutcome) {
        for timer in timers.values { timer.cancel() }
        timers = [:]
        for analysis in analyses.values { analysis.cancel() }
        analyses = [:]
        if let status = machine?.status {
            service = ServiceState(
                stableVersion: status.stableVersion, previousVersion: status.previousVersion, previousWarm: status.previousWarm)
        }
    }

    static func outcome(_ outcome: RolloutOutcome) -> DeploymentOutcome {
        switch outcome {
        case .success: .success
        case .failed: .failed
        case .rolledBack: .rolledBack
        case .aborted: .aborted
        }
    }

    /// `canary 25% (step 2/6)`, `paused: until promoted`, `rolled back`.
    static func state(of status: RolloutStatus) -> String {
        var text = status.phase.description.lowercased()
        if let step = status.step { text += " step \(step + 1)/\(status.stepCount)" }
        if let reason = status.pauseReason { text += " (\(reason.rawValue))" }
        if let canary = status.weights[.canary], canary > 0 { text += " canary \(Double(canary) / 10)%" }
        return text
    }

    static func describe(_ weights: [ReplicaRole: Int]) -> String {
        weights.sorted { $0.key < $1.key }.map { "\($0.key)=\(Double($0.value) / 10)%" }.joined(separator: " ")
    }
}
