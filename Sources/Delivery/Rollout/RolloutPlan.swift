/// One unit of work in a rollout's plan; strategies compile their configuration into a list of these, and the
/// state machine walks it, waiting where a stage waits.
enum Stage: Sendable, Hashable {
    /// Start or grow groups of replicas and wait until each is ready.
    case replicas([ReplicaRequest])
    /// Route traffic.
    case weights([ReplicaRole: Int])
    /// Shrink a group without waiting.
    case shrink(ReplicaRole, count: Int)
    /// Wait for a duration, or with nil until promoted.
    case pause(Duration?)
    /// Run templates against the canary and wait until every one passes.
    case analysis([String], AnalysisRunID.Purpose)
    /// Start templates that run in the background until promotion.
    case background([String])
    /// Make the new group stable (or, for an undo, the group brought back).
    case complete(undo: Bool)
}

/// A group of replicas to start (new) or grow (existing).
struct ReplicaRequest: Sendable, Hashable {
    var role: ReplicaRole
    var version: String
    var count: Int
    var isNew: Bool
}

/// A stage with what people see while it runs.
struct PlannedStage: Sendable, Hashable {
    var stage: Stage
    /// The user-visible step (canary step or rolling batch), 0-based.
    var step: Int?
    /// `step 2/5: pause 5m`.
    var label: String
    /// Whether `promote(full: true)` skips it.
    var skippable: Bool

    init(_ stage: Stage, step: Int? = nil, _ label: String, skippable: Bool = false) {
        self.stage = stage
        self.step = step
        self.label = label
        self.skippable = skippable
    }
}

/// Plans every strategy shares.
enum RolloutPlan {
    /// Start `version` in full, switch all traffic to it at once, and complete: the first deploy of a service
    /// (nothing to compare with) and an undo to a version that is no longer warm.
    static func direct(version: String, replicas: Int, hasStable: Bool, undo: Bool) -> [PlannedStage] {
        let weights: [ReplicaRole: Int] = hasStable ? [.canary: 1000, .stable: 0] : [.canary: 1000]
        let verb = undo ? "undo" : "first deploy"
        return [
            PlannedStage(
                .replicas([ReplicaRequest(role: .canary, version: version, count: replicas, isNew: true)]),
                "\(verb): starting \(replicas) replica\(replicas == 1 ? "" : "s") of \(version)"),
            PlannedStage(.weights(weights), "\(verb): switching all traffic to \(version)"),
            PlannedStage(.complete(undo: undo), "\(verb): \(version) serves all traffic"),
        ]
    }

    /// The stages for `strategy`, with the number of user-visible steps.
    static func make(
        _ strategy: RolloutStrategy, version: String, stableVersion: String, replicas: Int
    ) -> (stages: [PlannedStage], stepCount: Int) {
        switch strategy {
        case .canary(let canary):
            (canary.plan(version: version, stableVersion: stableVersion, replicas: replicas), canary.steps.count)
        case .blueGreen(let blueGreen):
            (blueGreen.plan(version: version, replicas: replicas), 0)
        case .rolling(let rolling):
            rolling.plan(version: version, replicas: replicas)
        }
    }
}
