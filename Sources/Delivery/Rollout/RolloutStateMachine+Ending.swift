extension RolloutStateMachine {
    /// Ends the rollout without promoting: all traffic to the stable version first, then analysis and timers
    /// stopped, the stable version back to full size, the new replicas stopped after `abortScaleDownDelay`.
    mutating func abort(_ outcome: RolloutOutcome, _ why: String) -> [RolloutAction] {
        let weights: [ReplicaRole: Int] = status.stableVersion == nil ? [:] : [.stable: 1000, .canary: 0]
        var fullWeights = weights
        if status.replicas[.baseline] != nil, status.stableVersion != nil { fullWeights[.baseline] = 0 }
        var actions: [RolloutAction] = [.setWeights(fullWeights)]
        actions += runningAnalyses.map { .stopAnalysis($0) }
        actions += cancelStageWaits()
        background = []
        heldBackground = []
        awaitingReplicas = []
        if status.stableVersion != nil, let stable = status.replicas[.stable], stable < spec.replicas {
            actions.append(.scaleReplicas(role: .stable, count: spec.replicas))
        }
        let delay = spec.strategy.abortScaleDownDelay
        for role in [ReplicaRole.canary, .baseline] where status.replicas[role] != nil {
            actions.append(.stopReplicas(role: role, after: delay))
        }
        status.weights = weights.filter { $0.value > 0 }
        status.replicas = status.stableVersion == nil ? [:] : [.stable: spec.replicas]
        status.phase = outcome == .failed ? .failed : outcome == .aborted ? .aborted : .rolledBack
        status.pauseReason = nil
        status.outcome = outcome
        status.message = why
        reason = why
        return actions + [.finish(outcome, reason: why)]
    }

    /// Promotion: the baseline goes, the old stable group becomes `previous` (warm for `scaleDownDelay`), the new
    /// group becomes `stable`.
    mutating func complete() -> [RolloutAction] {
        var actions: [RolloutAction] = background.sorted { $0.sequence < $1.sequence }.map { .stopAnalysis($0) }
        background = []
        if let timer = noDataTimer {
            noDataTimer = nil
            actions.append(.cancelTimer(timer))
        }
        if status.replicas[.baseline] != nil { actions.append(.stopReplicas(role: .baseline, after: .zero)) }
        let old = status.stableVersion
        if old != nil { actions.append(.relabel(.stable, as: .previous)) }
        // Routers that route by role (Gantry's proxy) must send the traffic to the role the replicas hold now;
        // otherwise the next rollout's new `canary` replicas would inherit the promoted version's share.
        actions += [.relabel(.canary, as: .stable), .setWeights([.stable: 1000])]
        status.replicas = [.stable: spec.replicas]
        if let old {
            let delay = spec.strategy.scaleDownDelay
            if delay > .zero {
                let timer = TimerID(.scaleDown, sequence: sequence())
                scaleDownTimer = timer
                status.previousWarm = true
                status.replicas[.previous] = spec.replicas
                actions.append(.startTimer(timer, delay))
            } else {
                actions.append(.stopReplicas(role: .previous, after: .zero))
            }
            status.previousVersion = old
        }
        status.stableVersion = status.version
        status.weights = [.stable: 1000]
        status.phase = .succeeded
        status.step = nil
        status.outcome = .success
        let why = "\(status.version) serves all traffic"
        status.message = old.map { "\(why); \($0) kept warm for `gantry deploy undo`" } ?? why
        if !status.previousWarm, let old { status.message = "\(why); \(old) stopped" }
        reason = "promoted \(status.version)"
        return actions + [.finish(.success, reason: "promoted \(status.version)")]
    }

    /// `gantry deploy undo`: during a rollout, an abort; after a promotion, back to the previous version —
    /// instantly while it is warm, otherwise by starting it in full and switching at once.
    mutating func undo() -> [RolloutAction] {
        switch status.phase {
        case .pending, .progressing, .paused:
            return abort(.rolledBack, "undone by user; \(status.stableVersion ?? "nothing") serves all traffic")
        case .succeeded:
            guard let previous = status.previousVersion else { return [] }
            guard status.previousWarm else {
                undoVersion = previous
                plan = RolloutPlan.direct(version: previous, replicas: spec.replicas, hasStable: true, undo: true)
                cursor = 0
                entered = false
                skipRemaining = false
                status.phase = .progressing
                status.outcome = nil
                reason = "undo to \(previous), which is no longer warm"
                return advance()
            }
            var actions: [RolloutAction] = [.setWeights([.previous: 1000, .stable: 0])]
            if let timer = scaleDownTimer {
                scaleDownTimer = nil
                actions.append(.cancelTimer(timer))
            }
            actions += [
                .stopReplicas(role: .stable, after: spec.strategy.abortScaleDownDelay),
                .relabel(.previous, as: .stable),
                .setWeights([.stable: 1000]),
            ]
            return actions + finishUndo(to: previous)
        case .failed, .aborted, .rolledBack:
            return []
        }
    }

    /// The last stage of an undo to a version that was not warm.
    mutating func completeUndo() -> [RolloutAction] {
        let actions: [RolloutAction] = [
            .stopReplicas(role: .stable, after: spec.strategy.abortScaleDownDelay),
            .relabel(.canary, as: .stable),
            .setWeights([.stable: 1000]),
        ]
        return actions + finishUndo(to: undoVersion ?? status.version)
    }

    private mutating func finishUndo(to version: String) -> [RolloutAction] {
        let why = "undone: \(version) serves all traffic again"
        status.stableVersion = version
        status.previousVersion = nil
        status.previousWarm = false
        status.weights = [.stable: 1000]
        status.replicas = [.stable: spec.replicas]
        status.phase = .rolledBack
        status.step = nil
        status.outcome = .rolledBack
        status.message = why
        reason = why
        return [.finish(.rolledBack, reason: why)]
    }

    /// After a restart: an interrupted rollout is aborted by restart; in every case the stable version is made to
    /// run in full with all traffic, and nothing else is kept.
    mutating func reconcile() -> [RolloutAction] {
        var actions: [RolloutAction] = []
        let interrupted = !status.phase.isTerminal
        if let stable = status.stableVersion {
            actions.append(.setWeights([.stable: 1000]))
            actions.append(.startReplicas(version: stable, role: .stable, count: spec.replicas))
        } else if interrupted {
            actions.append(.setWeights([:]))
        }
        for role in [ReplicaRole.canary, .baseline, .previous] where interrupted || role == .previous {
            actions.append(.stopReplicas(role: role, after: .zero))
        }
        status.weights = status.stableVersion == nil ? [:] : [.stable: 1000]
        status.replicas = status.stableVersion == nil ? [:] : [.stable: spec.replicas]
        status.previousWarm = false
        guard interrupted else { return actions }
        let why = "aborted by restart; \(status.stableVersion ?? "nothing") serves all traffic"
        status.phase = .aborted
        status.pauseReason = nil
        status.outcome = .aborted
        status.message = why
        reason = why
        return actions + [.finish(.aborted, reason: why)]
    }
}
