/// The decisions of one rollout of one version, as a pure state machine: feed it events, perform the actions it
/// returns in order. It has no clock, no I/O and no randomness, so a 25-minute canary runs in microseconds in a
/// test.
///
/// Every call that changes the status returns `.record(transition)` as its first action; the controller stores it
/// before performing the rest, so a restart can reconcile. A failed verdict returns `.setWeights` with the canary
/// at 0 right after that record.
///
/// After the rollout ends the machine still answers `undo` (back to the version before, instantly while it is
/// warm), `retry` (the same version again after a failure) and the timer that scales the previous version down.
public struct RolloutStateMachine: Sendable {
    /// The spec the rollout follows.
    public let spec: RolloutSpec
    /// Where the rollout stands.
    public internal(set) var status: RolloutStatus

    var plan: [PlannedStage] = []
    var cursor = 0
    /// Whether the stage at `cursor` has been entered (its actions emitted).
    var entered = false
    var awaitingReplicas: Set<ReplicaRole> = []
    var awaitingAnalyses: Set<AnalysisRunID> = []
    var awaitingTimer: TimerID?
    var awaitingPromotion = false
    var background: Set<AnalysisRunID> = []
    /// Background templates stopped by an inconclusive verdict, restarted on `resume` or `promote`.
    var heldBackground: [String] = []
    var noDataTimer: TimerID?
    var scaleDownTimer: TimerID?
    /// The version an undo brings back when it had to be started again.
    var undoVersion: String?
    /// Set by `promote(full: true)`: skippable stages are passed over from now on.
    var skipRemaining = false
    var nextSequence = 0
    var recordSequence = 0
    /// The reason and evidence the current event's record carries.
    var reason: String?
    var evidence: AnalysisOutcome?

    /// A rollout of `version` for a service currently in `service`'s state; it starts on `.start`.
    public init(spec: RolloutSpec, version: String, service: ServiceState) {
        self.spec = spec
        status = RolloutStatus(
            service: spec.service, environment: spec.environment, version: version,
            stableVersion: service.stableVersion, previousVersion: service.previousVersion,
            previousWarm: service.previousWarm, strategy: spec.strategy.kind, stepCount: 0)
        if service.stableVersion != nil { status.replicas[.stable] = spec.replicas }
        if service.previousWarm { status.replicas[.previous] = spec.replicas }
    }

    /// A machine for a rollout restored from its last record after a restart; send it `.restartReconcile`.
    /// `recordSequence` is the last stored transition's sequence.
    public init(spec: RolloutSpec, restoring status: RolloutStatus, recordSequence: Int) {
        self.spec = spec
        self.status = status
        self.recordSequence = recordSequence
    }

    /// Handles one event and returns what the controller must do, in order.
    public mutating func handle(_ event: RolloutEvent) -> [RolloutAction] {
        let before = status
        reason = nil
        evidence = nil
        var actions: [RolloutAction]
        switch event {
        case .start: actions = start()
        case .replicasReady(let role):
            actions = awaitingReplicas.remove(role) == nil ? [] : advance()
        case .replicasFailed(let role, let why):
            let what =
                role == .baseline
                ? "baseline replicas of \(status.stableVersion ?? "the stable version")" : "\(role) replicas"
            actions = status.phase.isTerminal ? [] : abort(.failed, "\(what) failed: \(why)")
        case .timerFired(let id): actions = timerFired(id)
        case .analysisCompleted(let id, let outcome): actions = analysisCompleted(id, outcome)
        case .promote(let full): actions = promote(full: full)
        case .pause: actions = pause()
        case .resume: actions = resume()
        case .abort(let why): actions = status.phase.isTerminal ? [] : abort(.aborted, "aborted: \(why)")
        case .undo: actions = undo()
        case .retry: actions = retry()
        case .noDataCapReached: actions = noDataCapReached()
        case .restartReconcile: actions = reconcile()
        }
        guard status != before else { return actions }
        recordSequence += 1
        let transition = RolloutTransition(
            sequence: recordSequence, event: event.name, from: before.phase, status: status, reason: reason,
            evidence: evidence)
        return [.record(transition)] + actions
    }

    /// Whether the current stage still waits for something.
    var isWaiting: Bool {
        !awaitingReplicas.isEmpty || !awaitingAnalyses.isEmpty || awaitingTimer != nil || awaitingPromotion
    }

    /// A number for a new timer or analysis run.
    mutating func sequence() -> Int {
        nextSequence += 1
        return nextSequence
    }

    private mutating func start() -> [RolloutAction] {
        guard status.phase == .pending else { return [] }
        var actions: [RolloutAction] = []
        if status.previousWarm {
            // The version before the stable one is not kept once a new rollout begins.
            actions.append(.stopReplicas(role: .previous, after: .zero))
        }
        status.previousVersion = nil
        status.previousWarm = false
        status.replicas[.previous] = nil
        reason = "started attempt \(status.attempt)"
        return actions + begin()
    }

    /// Builds the plan for the current attempt and runs it as far as it goes without waiting.
    mutating func begin() -> [RolloutAction] {
        if let stable = status.stableVersion {
            (plan, status.stepCount) = RolloutPlan.make(
                spec.strategy, version: status.version, stableVersion: stable, replicas: spec.replicas)
        } else {
            plan = RolloutPlan.direct(version: status.version, replicas: spec.replicas, hasStable: false, undo: false)
            status.stepCount = 0
        }
        cursor = 0
        entered = false
        skipRemaining = false
        status.phase = .progressing
        status.pauseReason = nil
        status.outcome = nil
        return advance()
    }

    /// Walks the plan: finishes the current stage when it no longer waits, enters the next, and stops at the
    /// first stage that waits, at a pause, or at the end.
    mutating func advance() -> [RolloutAction] {
        var actions: [RolloutAction] = []
        while status.phase == .progressing {
            if entered {
                if isWaiting { break }
                cursor += 1
                entered = false
                continue
            }
            guard cursor < plan.count else { break }
            let planned = plan[cursor]
            if skipRemaining && planned.skippable {
                cursor += 1
                continue
            }
            entered = true
            status.step = planned.step
            status.message = planned.label
            actions += enter(planned.stage)
        }
        return actions
    }

    private mutating func enter(_ stage: Stage) -> [RolloutAction] {
        switch stage {
        case .replicas(let requests):
            return requests.map { request in
                status.replicas[request.role] = request.count
                awaitingReplicas.insert(request.role)
                return request.isNew
                    ? .startReplicas(version: request.version, role: request.role, count: request.count)
                    : .scaleReplicas(role: request.role, count: request.count)
            }
        case .weights(let weights):
            status.weights = weights
            return [.setWeights(weights)]
        case .shrink(let role, let count):
            status.replicas[role] = count
            return [.scaleReplicas(role: role, count: count)]
        case .pause(let duration?):
            let id = TimerID(.pause, sequence: sequence())
            awaitingTimer = id
            return [.startTimer(id, duration)]
        case .pause(nil):
            awaitingPromotion = true
            status.phase = .paused
            status.pauseReason = .untilPromoted
            status.message += "; run `gantry deploy promote` to continue"
            return []
        case .analysis(let templates, let purpose):
            return templates.map { template in
                let id = AnalysisRunID(template: template, purpose: purpose, sequence: sequence())
                awaitingAnalyses.insert(id)
                return .startAnalysis(id, role: .canary)
            }
        case .background(let templates):
            return startBackground(templates)
        case .complete(let undo):
            return undo ? completeUndo() : complete()
        }
    }

    mutating func startBackground(_ templates: [String]) -> [RolloutAction] {
        templates.map { template in
            let id = AnalysisRunID(template: template, purpose: .background, sequence: sequence())
            background.insert(id)
            return .startAnalysis(id, role: .canary)
        }
    }

    private mutating func timerFired(_ id: TimerID) -> [RolloutAction] {
        if id == awaitingTimer {
            awaitingTimer = nil
            return advance()
        }
        if id == noDataTimer { return noDataCapReached() }
        if id == scaleDownTimer, status.previousWarm {
            scaleDownTimer = nil
            status.previousWarm = false
            status.replicas[.previous] = nil
            reason = "scaleDownDelay passed"
            return [.stopReplicas(role: .previous, after: .zero)]
        }
        return []
    }
}
