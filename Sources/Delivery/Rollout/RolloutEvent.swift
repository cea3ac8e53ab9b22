/// Something that happened to a rollout: a command from a person, or a report from the controller.
public enum RolloutEvent: Sendable, Hashable {
    /// Begin (after the policy allowed it).
    case start
    /// Every replica of the role is ready.
    case replicasReady(ReplicaRole)
    /// Replicas of the role could not be started or did not become ready in time.
    case replicasFailed(ReplicaRole, reason: String)
    /// A timer the machine started has fired.
    case timerFired(TimerID)
    /// An analysis run the machine started has a verdict; outcomes without a verdict are ignored.
    case analysisCompleted(AnalysisRunID, AnalysisOutcome)
    /// `gantry deploy promote`: skip the current pause or analysis, or with `full` every remaining step.
    case promote(full: Bool)
    /// `gantry deploy pause`.
    case pause
    /// `gantry deploy resume`: continue after a pause, measuring again after no data or an inconclusive verdict.
    case resume
    /// `gantry deploy abort`.
    case abort(reason: String)
    /// `gantry deploy undo`: back to the version before, skipping steps and analysis.
    case undo
    /// `gantry deploy retry`: the same version again after a failure or abort.
    case retry
    /// Analysis had no data for longer than the strategy allows (the machine's own no-data timer does the same).
    case noDataCapReached
    /// The controller restarted; this machine was restored from its last record.
    case restartReconcile

    /// The event's name in records, such as `analysisCompleted`.
    public var name: String {
        switch self {
        case .start: "start"
        case .replicasReady: "replicasReady"
        case .replicasFailed: "replicasFailed"
        case .timerFired: "timerFired"
        case .analysisCompleted: "analysisCompleted"
        case .promote: "promote"
        case .pause: "pause"
        case .resume: "resume"
        case .abort: "abort"
        case .undo: "undo"
        case .retry: "retry"
        case .noDataCapReached: "noDataCapReached"
        case .restartReconcile: "restartReconcile"
        }
    }
}

/// A timer the machine asks for; it comes back in `RolloutEvent.timerFired`.
public struct TimerID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What the timer is for.
    public enum Purpose: String, Sendable, Hashable, Codable {
        /// A `pause: {duration}` step.
        case pause
        /// The no-data cap of an analysis step.
        case noData
        /// Stopping the previous version after `scaleDownDelay`.
        case scaleDown
    }

    /// What it is for.
    public var purpose: Purpose
    /// A number unique within the rollout, so a stale timer from an earlier step or attempt is ignored.
    public var sequence: Int

    /// A timer id.
    public init(_ purpose: Purpose, sequence: Int) {
        self.purpose = purpose
        self.sequence = sequence
    }

    /// `pause#3`.
    public var description: String { "\(purpose.rawValue)#\(sequence)" }
}

/// An analysis run the machine asks for; its verdict comes back in `RolloutEvent.analysisCompleted`.
public struct AnalysisRunID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Why the analysis runs.
    public enum Purpose: String, Sendable, Hashable, Codable {
        /// A canary `analysis` step.
        case step
        /// Canary background analysis.
        case background
        /// Blue-green, before the switch.
        case prePromotion
        /// Blue-green, after the switch.
        case postPromotion
        /// A rolling batch gate.
        case batch
    }

    /// The template's name.
    public var template: String
    /// Why it runs.
    public var purpose: Purpose
    /// A number unique within the rollout, so a stale verdict from an earlier run is ignored.
    public var sequence: Int

    /// A run id.
    public init(template: String, purpose: Purpose, sequence: Int) {
        self.template = template
        self.purpose = purpose
        self.sequence = sequence
    }

    /// `error-rate (step) #4`.
    public var description: String { "\(template) (\(purpose.rawValue)) #\(sequence)" }
}
