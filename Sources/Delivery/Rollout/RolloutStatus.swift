/// Where a rollout stands, as `gantry deploy status` shows it and every record stores it.
public struct RolloutStatus: Sendable, Hashable, Codable {
    /// The service.
    public var service: String
    /// The environment.
    public var environment: String
    /// The version being rolled out.
    public var version: String
    /// The version serving production before the rollout, and after a failure or undo.
    public var stableVersion: String?
    /// The version kept warm after a promotion, so `undo` is instant while `previousWarm` is true.
    public var previousVersion: String?
    /// Whether the previous version's replicas are still running.
    public var previousWarm: Bool
    /// The strategy's YAML key.
    public var strategy: String
    /// The phase.
    public var phase: RolloutPhase
    /// Why the rollout is paused, when it is.
    public var pauseReason: PauseReason?
    /// The current step (canary steps, rolling batches), 0-based; nil before the first and after the last.
    public var step: Int?
    /// How many steps there are.
    public var stepCount: Int
    /// Traffic per role in permille; roles not listed get none.
    public var weights: [ReplicaRole: Int]
    /// Replicas per role, as last requested.
    public var replicas: [ReplicaRole: Int]
    /// 1 for the first attempt, 2 after the first `retry`, and so on.
    public var attempt: Int
    /// How the rollout ended; nil while it runs.
    public var outcome: RolloutOutcome?
    /// One line for people: `step 2/5: pause 5m`, `failed: analysis "error-rate": failed (1) > failureLimit (0)`.
    public var message: String

    /// A status for a rollout that has not started.
    public init(
        service: String, environment: String, version: String, stableVersion: String?, previousVersion: String? = nil,
        previousWarm: Bool = false, strategy: String, stepCount: Int
    ) {
        self.service = service
        self.environment = environment
        self.version = version
        self.stableVersion = stableVersion
        self.previousVersion = previousVersion
        self.previousWarm = previousWarm
        self.strategy = strategy
        phase = .pending
        step = nil
        self.stepCount = stepCount
        weights = stableVersion == nil ? [:] : [.stable: 1000]
        replicas = [:]
        attempt = 1
        message = "waiting to start"
    }
}

/// The phase names people see.
public enum RolloutPhase: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Created, not started.
    case pending
    /// Moving through its steps on its own (including timed pauses and running analysis).
    case progressing
    /// Waiting for a person: `pause: {}`, `gantry deploy pause`, no data, or an inconclusive analysis.
    case paused
    /// The new version serves all traffic.
    case succeeded
    /// An analysis failed or replicas did not start; traffic went back to the stable version.
    case failed
    /// Stopped by `gantry deploy abort` or by a restart; traffic went back to the stable version.
    case aborted
    /// Undone: the version before is serving again.
    case rolledBack

    /// Whether the rollout is over (`retry` and `undo` may still act on it).
    public var isTerminal: Bool {
        switch self {
        case .pending, .progressing, .paused: false
        case .succeeded, .failed, .aborted, .rolledBack: true
        }
    }

    /// `Progressing`, `Rolled back`.
    public var description: String {
        switch self {
        case .pending: "Pending"
        case .progressing: "Progressing"
        case .paused: "Paused"
        case .succeeded: "Succeeded"
        case .failed: "Failed"
        case .aborted: "Aborted"
        case .rolledBack: "Rolled back"
        }
    }
}

/// Why a rollout waits for a person.
public enum PauseReason: String, Sendable, Hashable, Codable {
    /// A `pause: {}` step, or a blue-green rollout without `autoPromote`: continue with `promote`.
    case untilPromoted
    /// `gantry deploy pause`: continue with `resume`.
    case user
    /// Analysis had no data for the strategy's `noDataTimeout`: `resume` measures again, `promote` skips it.
    case noData
    /// Analysis was inconclusive: `resume` measures again, `promote` skips it.
    case inconclusive
}

/// How a rollout ended.
public enum RolloutOutcome: String, Sendable, Hashable, Codable {
    /// Promoted: the new version is stable.
    case success
    /// Failed analysis or replicas; rolled back automatically.
    case failed
    /// Undone by a person.
    case rolledBack
    /// Aborted by a person or a restart.
    case aborted
}
