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
            groupSequence += 1
            let group = ReplicaGroup(id: "\(role.rawValue)-\(groupSequence)", version: version, role: role)
            groups[role] = group
            startReplicas(group, count: count) { try await self.target.deploy(group, replicas: count) }
        case .scaleReplicas(let role, let count):
            guard let group = groups[role] else { return }
            // Shrinking: the proxy stops sending requests to the replicas that go before they are stopped, and
            // those finish the requests they have (the same drain as `stopReplicas`).
            let current = endpoints[group.id] ?? []
            let shrinking = count < current.count
            if shrinking {
                endpoints[group.id] = Array(current.prefix(count))
                await publish(role, Array(current.prefix(count)))
            }
            startReplicas(group, count: count) {
                if shrinking { try await Task.sleep(for: Self.drainPeriod) }
                return try await self.target.scale(group, replicas: count)
            }
        case .setWeights(let weights):
            await setWeights(weights)
        case .stopReplicas(let role, let delay):
            // The group leaves its role at once; stopping it is detached from the rollout, so a delayed scale-down
            // happens even if another rollout starts, and never touches a group that took the role since.
            guard let group = groups.removeValue(forKey: role) else { return }
            await publish(role, [])
            // A deploy or scale of the group still under way is called off first, so the stop never overtakes it
            // (a copy created after its delete would run on, unowned).
            let pending = groupOperations[group.id]
            pending?.cancel()
            Task {
                // Requests the proxy already sent to these replicas finish before they are stopped.
                try? await Task.sleep(for: max(delay, Self.drainPeriod))
                await pending?.value
                var failure = ""
                for attempt in 0..<5 {
                    do {
                        try await self.target.stop(group)
                        await self.forget(group)
                        return
                    } catch {
                        failure = "\(error)"
                        try? await Task.sleep(for: .milliseconds(200 << attempt))
                    }
                }
                await self.recordProblem("could not stop \(group.id) (\(group.version)) after 5 attempts: \(failure)")
            }
        case .relabel(let role, let newRole):
            // The proxy routes by role, so the replicas move to the new role's backend group at once.
            guard var group = groups.removeValue(forKey: role) else { return }
            group.role = newRole
            groups[newRole] = group
            // The old role keeps pointing at the same replicas until something else takes it: the weights may
            // still send it requests until the machine's next setWeights, and those must not find it empty.
            await publish(newRole, endpoints[group.id] ?? [])
        case .startTimer(let id, let duration):
            timers[id]?.cancel()
            timers[id] = Task {
                try? await Task.sleep(for: duration)
                guard !Task.isCancelled else { return }
                await self.fire(id)
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
            await announceEnd(outcome)
        }
    }

    /// A timer went off: it is forgotten, then its event is handled.
    func fire(_ id: TimerID) async {
        timers.removeValue(forKey: id)
        await dispatch(.timerFired(id))
    }

    /// Whether `group` still holds a role (it was not stopped or replaced since an operation on it began).
    func holds(_ group: ReplicaGroup) -> Bool {
        groups.values.contains { $0.id == group.id }
    }

    /// Stores something that went wrong outside the state machine (a hook, a stop, a traffic change) in the
    /// current deployment's history, where `gantry deploy history` shows it.
    func recordProblem(_ message: String) async {
        guard let id = deployment?.id else { return }
        let detail =
            (try? JSONSerialization.data(withJSONObject: ["event": "targetProblem", "message": message]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let state = deployment?.state ?? ""
        try? await store.appendTransition(
            TransitionRecord(deploymentID: id, at: Date(), from: state, to: state, detail: detail), outcome: nil,
            reason: nil)
    }

    /// Remembers where `group`'s replicas are and, if it still holds its role, tells the proxy.
    func announce(_ group: ReplicaGroup, _ list: [ReplicaEndpoint]) async {
        endpoints[group.id] = list
        if groups[group.role]?.id == group.id { await publish(group.role, list) }
    }

    func forget(_ group: ReplicaGroup) {
        endpoints.removeValue(forKey: group.id)
        groupOperations.removeValue(forKey: group.id)
    }

    func record(_ transition: RolloutTransition) async {
        guard let id = deployment?.id else { return }
        let status = transition.status
        let detail: [String: String] = [
            "event": transition.event, "weights": Self.describe(status.weights), "message": status.message,
            "reason": transition.reason ?? "", "evidence": transition.evidence?.message ?? "",
        ]
        let json =
            (try? String(
                decoding: JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), as: UTF8.self))
            ?? "{}"
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
    /// Operations on one group run one after another, in the order asked (the `Target` contract): a scale-up
    /// never overtakes a scale-down still draining.
    func startReplicas(
        _ group: ReplicaGroup, count: Int, _ operation: @escaping @Sendable () async throws -> [ReplicaEndpoint]
    ) {
        let timeout = startTimeout
        let role = group.role
        let earlier = groupOperations[group.id]
        let poll = readinessInterval
        groupOperations[group.id] = Task {
            await earlier?.value
            do {
                let endpoints = try await operation()
                let deadline = ContinuousClock.now + timeout
                // A failed readiness check is retried until the deadline: one API hiccup must not fail a rollout.
                var why = "not checked yet"
                while true {
                    do {
                        let readiness = try await self.target.readiness(group)
                        if readiness.isReady || (count == 0 && readiness.replicas == 0) { break }
                        why = readiness.messages.first ?? "\(readiness.ready) of \(readiness.replicas) ready"
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        why = "\(error)"
                    }
                    if ContinuousClock.now > deadline {
                        guard await self.holds(group) else { return }
                        await self.dispatch(
                            .replicasFailed(role, reason: "\(role) replicas not ready after \(timeout): \(why)"))
                        return
                    }
                    try await Task.sleep(for: poll)
                }
                await self.announce(group, endpoints)
                guard await self.holds(group) else { return }
                await self.dispatch(.replicasReady(role))
            } catch {
                // Called off (the group was stopped meanwhile) or failed: only a group still in its role reports.
                guard !Task.isCancelled, await self.holds(group) else { return }
                await self.dispatch(.replicasFailed(role, reason: "\(error)"))
            }
        }
    }

    /// How long replicas keep running after the proxy stopped sending them new requests.
    static let drainPeriod: Duration = .seconds(2)

    /// How often readiness is checked while replicas start: often for local replicas, which answer at once;
    /// once a second where each check is a hook or a `kubectl` call.
    var readinessInterval: Duration {
        if case .local = spec.target { return .milliseconds(100) }
        return .seconds(1)
    }

    var startTimeout: Duration {
        switch spec.target {
        case .local(let local): local.readiness.startTimeout
        case .kubernetes(let cluster): cluster.readyTimeout
        case .script(let script): script.timeout
        }
    }

    /// Tells a target that observes rollouts how this one ended (a script target's promote or rollback hook); a
    /// failure is stored in the deployment's history.
    func announceEnd(_ outcome: RolloutOutcome) async {
        guard let observer = target as? any RolloutEndObserver, let version = machine?.status.version else { return }
        do {
            try await observer.rolloutEnded(outcome, version: version, stable: groups[.stable])
        } catch {
            await recordProblem("\(error)")
        }
    }

    /// Routes traffic as `weights` says. A change that fails is retried; if it still fails, moving forward
    /// fails the rollout (its abort sends traffic back), and moving back to stable goes on being retried in the
    /// background until it succeeds or a newer change replaces it. Either way the failure is recorded.
    func setWeights(_ weights: [ReplicaRole: Int]) async {
        weightChanges += 1
        let change = weightChanges
        let retreat = (weights[.canary] ?? 0) == 0
        let routes = weights.compactMap { role, permille in
            groups[role].map { TrafficRoute(group: $0, role: role, permille: permille) }
        }
        var failure = ""
        for attempt in 0..<(retreat ? 10 : 3) {
            do {
                try await router.setWeights(routes)
                return
            } catch {
                failure = "\(error)"
                try? await Task.sleep(for: .milliseconds(min(1000, 50 << attempt)))
            }
        }
        let split = Self.describe(weights)
        await recordProblem("could not route traffic as \(split): \(failure)")
        guard retreat else {
            post(.event(.replicasFailed(.canary, reason: "traffic could not be routed as \(split): \(failure)")))
            return
        }
        Task {
            while await self.weightChanges == change {
                try? await Task.sleep(for: .seconds(2))
                guard await self.weightChanges == change else { return }
                if (try? await self.router.setWeights(routes)) != nil {
                    await self.recordProblem("traffic routed as \(split) after earlier failures")
                    return
                }
            }
        }
    }

    func finish(_ outcome: RolloutOutcome) {
        // The scale-down of the version kept warm outlives the rollout; every other timer ends with it.
        for (id, timer) in timers where id.purpose != .scaleDown {
            timer.cancel()
            timers.removeValue(forKey: id)
        }
        for analysis in analyses.values { analysis.cancel() }
        analyses = [:]
        if let status = machine?.status {
            service = ServiceState(
                stableVersion: status.stableVersion, previousVersion: status.previousVersion,
                previousWarm: status.previousWarm)
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
