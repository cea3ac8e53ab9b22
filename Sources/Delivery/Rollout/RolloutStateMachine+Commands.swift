extension RolloutStateMachine {
    /// Skips the current pause or analysis (or, with `full`, every remaining step and analysis).
    mutating func promote(full: Bool) -> [RolloutAction] {
        guard status.phase == .progressing || status.phase == .paused else { return [] }
        var actions: [RolloutAction] = []
        let current = cursor < plan.count ? plan[cursor] : nil
        if full {
            skipRemaining = true
            actions += background.sorted { $0.sequence < $1.sequence }.map { .stopAnalysis($0) }
            background = []
            heldBackground = []
        }
        let skipCurrent = full ? current?.skippable == true : current.map { Self.isWait($0.stage) } ?? false
        if skipCurrent {
            actions += cancelStageWaits()
            entered = true
        }
        if !heldBackground.isEmpty {
            actions += startBackground(heldBackground)
            heldBackground = []
        }
        status.phase = .progressing
        status.pauseReason = nil
        reason =
            full
            ? "promoted to 100% by user, skipping the remaining steps"
            : "promoted by user: skipped \(current?.label ?? "the current step")"
        return actions + advance()
    }

    /// `gantry deploy pause`: stops at the current stage; a timed pause starts over on `resume`.
    mutating func pause() -> [RolloutAction] {
        guard status.phase == .progressing else { return [] }
        var actions: [RolloutAction] = []
        if let timer = awaitingTimer {
            actions.append(.cancelTimer(timer))
            awaitingTimer = nil
            entered = false
        }
        status.phase = .paused
        status.pauseReason = .user
        status.message = "paused by user at \(status.message); run `gantry deploy resume` to continue"
        reason = "paused by user"
        return actions
    }

    /// `gantry deploy resume`: continues a pause, measuring again after no data or an inconclusive verdict. On a
    /// `pause: {}` step it does what `promote` does.
    mutating func resume() -> [RolloutAction] {
        guard status.phase == .paused else { return [] }
        if status.pauseReason == .untilPromoted { return promote(full: false) }
        var actions: [RolloutAction] = []
        if !heldBackground.isEmpty {
            actions += startBackground(heldBackground)
            heldBackground = []
        }
        status.phase = .progressing
        status.pauseReason = nil
        reason = "resumed by user"
        return actions + advance()
    }

    /// `gantry deploy retry`: the same version again, from the first step, after a failure, abort or undo.
    mutating func retry() -> [RolloutAction] {
        guard status.phase == .failed || status.phase == .aborted || status.phase == .rolledBack else { return [] }
        awaitingReplicas = []
        awaitingAnalyses = []
        awaitingTimer = nil
        awaitingPromotion = false
        background = []
        heldBackground = []
        status.attempt += 1
        status.replicas = status.stableVersion.map { _ in [.stable: spec.replicas] } ?? [:]
        reason = "retry: attempt \(status.attempt)"
        return begin()
    }

    /// Stops what the current stage waits for (a timer, analysis runs, the promotion wait).
    mutating func cancelStageWaits() -> [RolloutAction] {
        var actions: [RolloutAction] = []
        if let timer = awaitingTimer { actions.append(.cancelTimer(timer)) }
        if let timer = noDataTimer { actions.append(.cancelTimer(timer)) }
        actions += awaitingAnalyses.sorted { $0.sequence < $1.sequence }.map { .stopAnalysis($0) }
        awaitingTimer = nil
        noDataTimer = nil
        awaitingAnalyses = []
        awaitingPromotion = false
        return actions
    }

    static func isWait(_ stage: Stage) -> Bool {
        switch stage {
        case .pause, .analysis: true
        default: false
        }
    }
}
