/// Something the controller must do, in the order given. The machine never waits for an action; it waits for
/// the events that report on them (`replicasReady`, `timerFired`, `analysisCompleted`).
///
/// Roles are the machine's names for groups of replicas; the controller keeps the mapping from each role to the
/// concrete group (a version and a generation) and changes it only on `startReplicas`, `stopReplicas` and `relabel`.
public enum RolloutAction: Sendable, Hashable {
    /// Store this transition, and finish storing it before performing any action after it.
    case record(RolloutTransition)
    /// Start `count` replicas of `version` as a new group under `role`, then report `replicasReady(role)` once
    /// all are ready, or `replicasFailed`. Idempotent: if the role already runs `version`, only adjust the count.
    case startReplicas(version: String, role: ReplicaRole, count: Int)
    /// Change the count of the group under `role`; when it grows, report `replicasReady(role)` once all are ready.
    /// When it shrinks, do not report.
    case scaleReplicas(role: ReplicaRole, count: Int)
    /// Route traffic by role in permille (the values sum to 1000 or are all 0); roles not listed get none.
    /// Must take effect before the next action.
    case setWeights([ReplicaRole: Int])
    /// Detach the group under `role` at once (it gets no traffic and the role is free), and stop its replicas
    /// after `after` (drained: SIGTERM, grace, SIGKILL).
    case stopReplicas(role: ReplicaRole, after: Duration)
    /// From now on the group under `role` is the group under `newRole` (which is empty). Changes no replica and
    /// no traffic.
    case relabel(ReplicaRole, as: ReplicaRole)
    /// Report `timerFired(id)` after `duration` (measured on the controller's injected clock).
    case startTimer(TimerID, Duration)
    /// Forget a timer; if it fires anyway the machine ignores it.
    case cancelTimer(TimerID)
    /// Run the analysis template against `role` (with `baseline` and `stable` for comparisons), calling `assess`
    /// after each measurement, and report `analysisCompleted(id, outcome)` at the first verdict.
    case startAnalysis(AnalysisRunID, role: ReplicaRole)
    /// Stop an analysis run and discard its verdict.
    case stopAnalysis(AnalysisRunID)
    /// The rollout is over; `reason` explains it to people.
    case finish(RolloutOutcome, reason: String)
}

/// One stored step of a rollout's history: written before the transition takes effect, so a restart knows what
/// was under way, and an abort keeps its evidence.
public struct RolloutTransition: Sendable, Hashable, Codable {
    /// 1, 2, 3… within the rollout (across retries).
    public var sequence: Int
    /// The event that caused it, such as `analysisCompleted`.
    public var event: String
    /// The phase before.
    public var from: RolloutPhase
    /// The status after the transition's actions are performed.
    public var status: RolloutStatus
    /// Why, for aborts, failures, pauses and promotions.
    public var reason: String?
    /// The analysis behind a verdict that changed the rollout (every measurement with its phase).
    public var evidence: AnalysisOutcome?

    /// A transition.
    public init(
        sequence: Int, event: String, from: RolloutPhase, status: RolloutStatus, reason: String? = nil,
        evidence: AnalysisOutcome? = nil
    ) {
        self.sequence = sequence
        self.event = event
        self.from = from
        self.status = status
        self.reason = reason
        self.evidence = evidence
    }
}

/// What the controller knows about a service before a rollout starts.
public struct ServiceState: Sendable, Hashable, Codable {
    /// The version serving all traffic; nil before the first deploy.
    public var stableVersion: String?
    /// The version before it, if known.
    public var previousVersion: String?
    /// Whether the previous version's replicas still run (within `scaleDownDelay` of the last promotion).
    public var previousWarm: Bool

    /// A service state.
    public init(stableVersion: String?, previousVersion: String? = nil, previousWarm: Bool = false) {
        self.stableVersion = stableVersion
        self.previousVersion = previousVersion
        self.previousWarm = previousWarm
    }
}
